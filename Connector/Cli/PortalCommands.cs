using Connector.Host;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Connector.Cli;

/// <summary>
/// <c>portals list [--json]</c>: the mirrored portals (key, kind webhook/app, status, last sync, counts);
/// <c>portals remove KEY [--force]</c>: deletes one portal's mirror in one transaction. An app install that is still
/// active is refused unless <c>--force</c> (its tokens go too, and the portal keeps sending events until the app is
/// uninstalled in Bitrix24); a webhook portal, or an install already uninstalled or awaiting re-authorisation, is removed.
/// </summary>
public static class PortalCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Command("portals", "The portals in the mirror") { List(configuration, time, sandbox), Remove(configuration, time, sandbox) };
    }

    private static Command List(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var json = new Option<bool>("--json") { Description = "A JSON array on stdout" };
        var command = new Command("list", "Key, kind (webhook or app), status, last sync and counts of each mirrored portal") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var portals = await host.Services.GetRequiredService<SqliteMirrorStore>().PortalsAsync(ct);
            if (parse.GetValue(json))
            {
                var items = portals.Select(p => new
                {
                    key = p.Key, kind = Kind(p), status = Status(p), domain = p.Domain, last_sync_at = p.LastSyncAt, last_sync_status = p.LastSyncStatus,
                    last_sync_error = p.LastSyncError, contacts = p.Contacts, deals = p.Deals, transitions = p.Transitions,
                });
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(items, CliJson.Options).AsMemory(), ct);
                return 0;
            }

            if (portals.Count == 0)
            {
                await Console.Out.WriteLineAsync("no portals in the mirror; run crm-esp sync first".AsMemory(), ct);
                return 0;
            }

            var table = new Table().AddColumns("key", "kind", "status", "last sync (UTC)", "contacts", "deals", "transitions");
            foreach (var p in portals)
            {
                table.AddRow(Markup.Escape(p.Key), Kind(p), Markup.Escape(Status(p)), Markup.Escape(p.LastSyncAt is null ? "—" : $"{p.LastSyncAt} {p.LastSyncStatus}"),
                    Text(p.Contacts), Text(p.Deals), Text(p.Transitions));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Remove(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var key = new Argument<string>("key") { Description = "Portal key as portals list shows it" };
        var force = new Option<bool>("--force") { Description = "Remove an active app install too (its tokens are deleted)" };
        var command = new Command("remove", "Delete one portal and everything mirrored for it, in one transaction") { key, force };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var store = host.Services.GetRequiredService<SqliteMirrorStore>();
            var name = parse.GetValue(key)!;
            if ((await store.PortalsAsync(ct)).FirstOrDefault(p => p.Key == name) is not { } portal)
            {
                await Console.Error.WriteLineAsync($"crm-esp: portals remove: no portal {name} in the mirror (see crm-esp portals list)");
                return 1;
            }

            if (portal.InstallStatus == "active" && !parse.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"crm-esp: portals remove: {name} is an active app install; uninstall the app in Bitrix24 first, or remove it anyway with --force");
                return 1;
            }

            await store.RemovePortalAsync(portal.Id, ct);
            await Console.Out.WriteLineAsync($"removed portal {name}: {Text(portal.Contacts)} contacts, {Text(portal.Deals)} deals, {Text(portal.Transitions)} transitions".AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static string Kind(PortalRow portal) => portal.AuthMode == "oauth" ? "app" : "webhook";

    // An app's install status; a webhook has none.
    private static string Status(PortalRow portal) => portal.InstallStatus ?? (portal.AuthMode == "oauth" ? "no install" : "-");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
