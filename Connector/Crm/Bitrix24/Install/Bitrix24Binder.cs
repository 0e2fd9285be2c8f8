using System.Globalization;
using Connector.Crm.Bitrix24.Reading;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// Binds the manifest's events and placements in one batch. Bindings vanish on uninstall and update, so every install
/// binds again; "already bound" answers (ERROR_HANDLER_ALREADY_EXIST, "Handler already binded") count as bound.
/// </summary>
public sealed class Bitrix24Binder(IBitrix24Client client, ILogger<Bitrix24Binder> logger)
{
    public async Task<(int Bound, IReadOnlyList<string> Failures)> BindAsync(Bitrix24Portal portal, Bitrix24AppManifest manifest, Uri publicUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var commands = new List<Bitrix24BatchCommand>();
        var events = new Uri(publicUrl, "b24/events").AbsoluteUri;
        foreach (var (name, i) in manifest.Events.Select((e, i) => (e, i)))
        {
            commands.Add(new Bitrix24BatchCommand(Key("e", i), "event.bind", new BatchQuery().Add("event", name).Add("handler", events).ToString()));
        }

        foreach (var (placement, i) in manifest.Placements.Select((p, i) => (p, i)))
        {
            var handler = new Uri(publicUrl, $"b24/placement/{placement.Code}").AbsoluteUri;
            commands.Add(new Bitrix24BatchCommand(Key("p", i), "placement.bind", new BatchQuery()
                .Add("PLACEMENT", placement.Code).Add("HANDLER", handler).Add("TITLE", placement.Title).Add("DESCRIPTION", placement.Description).ToString()));
        }

        var response = await client.BatchAsync(portal, commands, idempotent: true, cancellationToken);
        if (!response.IsSuccess)
        {
            return (0, [$"batch: {response.Error}"]);
        }

        var failures = response.Value.Errors.Where(e => !AlreadyBound(e.Value))
            .Select(e => $"{commands.First(c => c.Key == e.Key).Method} {e.Key}: {e.Value}").ToList();
        foreach (var failure in failures)
        {
            logger.LogWarning("Bitrix24 {Portal}: binding failed: {Failure}", portal.Key, Connector.Web.LogText.Safe(failure));
        }

        return (commands.Count - failures.Count, failures);
    }

    private static bool AlreadyBound(Bitrix24Error error) =>
        error.Code == "ERROR_HANDLER_ALREADY_EXIST" || error.Description.Contains("already binded", StringComparison.OrdinalIgnoreCase);

    private static string Key(string prefix, int index) => prefix + index.ToString(CultureInfo.InvariantCulture);
}
