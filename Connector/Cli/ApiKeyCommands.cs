using System.CommandLine;
using Connector.Api;
using Connector.Host;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// REST API keys: <c>apikey create [--portal KEY] [--name NAME]</c> prints a new key once (only its hash is kept; the
/// name, what the key is for, is checked as the Settings page checks it and unique among the portal's live keys),
/// <c>apikey list</c> (ids, portal, created, last used, state, name; never a key), <c>apikey revoke ID</c>.
/// </summary>
public static class ApiKeyCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Command("apikey", "REST API keys (/api/v1): one portal each, shown once, stored hashed")
        {
            New(configuration, time, sandbox), List(configuration, time, sandbox), Revoke(configuration, time, sandbox),
        };
    }

    private static Command New(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var portal = new Option<string?>("--portal") { Description = "The portal the key reads (default: the configured or only one)" };
        var name = new Option<string?>("--name") { Description = "What the key is for (at most 100 characters, unique among the portal's live keys), as the Settings page names keys" };
        var command = new Command("create", "Create a key; it is printed once and never again") { portal, name };
        command.SetAction(async (parse, ct) =>
        {
            var keyName = parse.GetValue(name);
            if (keyName is not null && ApiKeyStore.NameProblem(keyName) is { } refused)
            {
                await Console.Error.WriteLineAsync($"crm-esp: apikey create: --name: {refused}");
                return 2;
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var (id, problem) = await MirrorPortal.ResolveAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, parse.GetValue(portal), ct);
            if (id is not { } portalId)
            {
                await Console.Error.WriteLineAsync($"crm-esp: apikey create: {problem}");
                return 1;
            }

            if (await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync(portalId, keyName?.Trim(), ct) is not var (keyId, key))
            {
                await Console.Error.WriteLineAsync($"crm-esp: apikey create: --name: a live key of this portal is already named \"{keyName!.Trim()}\"");
                return 1;
            }

            await Console.Out.WriteLineAsync(key.AsMemory(), ct);
            await Console.Error.WriteLineAsync($"crm-esp: API key {keyId} created; store it now, it is not shown again");
            return 0;
        });
        return command;
    }

    private static Command List(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var command = new Command("list", "The keys: id, portal, created, last used, revoked, name (never the key)");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            foreach (var row in await host.Services.GetRequiredService<ApiKeyStore>().ListAsync(ct))
            {
                await Console.Out.WriteLineAsync($"{row.Id}\t{row.Portal}\t{row.CreatedAt}\t{row.LastUsedAt ?? "never"}\t{(row.RevokedAt is { } r ? "revoked " + r : "active")}\t{row.Name ?? "-"}".AsMemory(), ct);
            }

            return 0;
        });
        return command;
    }

    private static Command Revoke(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<string>("id") { Description = "The key's id (from apikey list)" };
        var command = new Command("revoke", "Revoke a key: it is refused from now on") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            if (await host.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(parse.GetValue(id)!, ct))
            {
                await Console.Out.WriteLineAsync($"revoked API key {parse.GetValue(id)}".AsMemory(), ct);
                return 0;
            }

            await Console.Error.WriteLineAsync($"crm-esp: apikey revoke: no active key {parse.GetValue(id)}");
            return 1;
        });
        return command;
    }
}
