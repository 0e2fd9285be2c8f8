using Connector.Host;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>Which mirrored portal a report reads: --portal, else the configured webhook, else the only one there is.</summary>
public static class MirrorPortal
{
    public static async Task<(long? Id, string? Problem)> ResolveAsync(MirrorQueries queries, PortalChoice choice, string? explicitKey, CancellationToken cancellationToken)
    {
        var (key, problem) = await ResolveKeyAsync(queries, choice, explicitKey, cancellationToken);
        if (key is null)
        {
            return (null, problem);
        }

        return await queries.PortalIdAsync(key, cancellationToken) is { } id
            ? (id, null)
            : (null, $"the mirror has no data for portal {key} yet; run crm-esp sync first");
    }

    public static async Task<(string? Key, string? Problem)> ResolveKeyAsync(MirrorQueries queries, PortalChoice choice, string? explicitKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(choice);
        var keys = await queries.PortalKeysAsync(cancellationToken);
        var key = explicitKey
            ?? (choice.WebhookUrl is { } url && !choice.SandboxForced ? Crm.Bitrix24.Portals.WebhookUrl.ToPortal(url).Key : null)
            ?? (choice.SandboxForced && keys.Contains(PortalChoice.SandboxKey) ? PortalChoice.SandboxKey : null)
            ?? (keys.Count == 1 ? keys[0] : null);
        return key is not null
            ? (key, null)
            : (null, keys.Count == 0
                ? "the mirror is empty; run crm-esp sync first"
                : $"the mirror holds several portals ({string.Join(", ", keys)}); choose one with --portal KEY");
    }

    /// <summary>Runs a report over one mirrored portal; exit 1 with one line when there is none to read.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, TimeProvider time, bool sandbox, string? portal, Func<MirrorQueries, long, Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, sandbox), time, cancellationToken);
        var queries = host.Services.GetRequiredService<MirrorQueries>();
        var (id, problem) = await ResolveAsync(queries, host.Choice, portal, cancellationToken);
        if (id is not { } portalId)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {problem}");
            return 1;
        }

        await body(queries, portalId);
        return 0;
    }
}
