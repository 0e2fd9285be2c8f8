using Connector.Host;
using System.CommandLine;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// The suppression list by hand: <c>suppress add ADDRESS [--reason manual] [--source TEXT]</c> (the manual blacklist;
/// syntax checked, domain lower-cased), <c>suppress list [--json]</c>, <c>suppress remove ADDRESS</c> (manual entries
/// only: an unsubscribe, complaint or hard bounce is never lifted from the CLI).
/// </summary>
public static class SuppressCommands
{
    private static readonly string[] Reasons = ["manual", "unsubscribed", "complaint", "hard_bounce", "soft_bounces"];

    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Command("suppress", "The suppression list: addresses never mailed again (checked at send time)")
        {
            Add(configuration, time, sandbox), List(configuration, time, sandbox), Remove(configuration, time, sandbox),
        };
    }

    private static Command Add(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var address = new Argument<string>("address") { Description = "The address to suppress" };
        var reason = new Option<string>("--reason") { Description = "manual (default), unsubscribed, complaint, hard_bounce or soft_bounces", DefaultValueFactory = _ => "manual" };
        reason.AcceptOnlyFromAmong(Reasons);
        var source = new Option<string?>("--source") { Description = "Where the entry comes from (free text, e.g. a ticket)" };
        var command = new Command("add", "Add an address to the suppression list") { address, reason, source };
        command.SetAction(async (parse, ct) =>
        {
            if (AddressValidator.Normalise(parse.GetValue(address)!) is not { } normalised)
            {
                await Console.Error.WriteLineAsync("crm-esp: suppress add: not a plain, valid address");
                return 1;
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var ledger = host.Services.GetRequiredService<SendLedgerStore>();
            var added = await ledger.SuppressAsync(normalised, parse.GetValue(reason)!, parse.GetValue(source) ?? "cli", ct);
            await Console.Out.WriteLineAsync((added ? $"suppressed {normalised} ({parse.GetValue(reason)})" : $"{normalised} was already suppressed").AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Command List(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object a line: address, reason, source, created_at" };
        var command = new Command("list", "List the suppression list, oldest first") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var ledger = host.Services.GetRequiredService<SendLedgerStore>();
            foreach (var row in await ledger.SuppressionsAsync(ct))
            {
                var line = parse.GetValue(json)
                    ? System.Text.Json.JsonSerializer.Serialize(new { address = row.Address, reason = row.Reason, source = row.Source, created_at = row.CreatedAt }, CliJson.Options)
                    : $"{row.Address}\t{row.Reason}\t{row.CreatedAt}\t{row.Source}";
                await Console.Out.WriteLineAsync(line.AsMemory(), ct);
            }

            return 0;
        });
        return command;
    }

    private static Command Remove(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var address = new Argument<string>("address") { Description = "A manually suppressed address" };
        var command = new Command("remove", "Lift a manual suppression (other reasons stay)") { address };
        command.SetAction(async (parse, ct) =>
        {
            var normalised = AddressValidator.Normalise(parse.GetValue(address)!) ?? parse.GetValue(address)!;
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var ledger = host.Services.GetRequiredService<SendLedgerStore>();
            if (await ledger.UnsuppressAsync(normalised, ct))
            {
                await Console.Out.WriteLineAsync($"lifted the manual suppression of {normalised}".AsMemory(), ct);
                return 0;
            }

            await Console.Error.WriteLineAsync($"crm-esp: suppress remove: {normalised} has no manual suppression (unsubscribes, complaints and hard bounces are never lifted here)");
            return 1;
        });
        return command;
    }
}
