using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Timeline;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.Timeline;

/// <summary>
/// <see cref="ICrmTimeline"/> on Bitrix24: one <c>batch</c> per call through the shared client (the portal's limiter,
/// retries only where safe). An app install writes log messages and fires triggers; an incoming webhook has no app
/// context, so it writes timeline comments and has no triggers. An install that is not active is not writable.
/// </summary>
public sealed class Bitrix24Timeline(
    Func<IBitrix24Client> client, Bitrix24TimelinePortals portals, Bitrix24InstallStore installs, Bitrix24ConfiguredPortals configured,
    IOptions<TimelineOptions> options) : ICrmTimeline
{
    private readonly ConcurrentDictionary<long, Bitrix24Portal> _resolved = new();
    private readonly ConcurrentDictionary<string, string> _languages = new(StringComparer.Ordinal);

    public string OptOutField => Bitrix24TimelineCommands.OptOutField;

    public async Task<CrmTimelinePortal> PortalAsync(long portalId, CancellationToken cancellationToken)
    {
        var language = options.Value.Language;
        if (await portals.FindAsync(portalId, cancellationToken) is not { } row)
        {
            return new CrmTimelinePortal(portalId, portalId.ToString(CultureInfo.InvariantCulture), false, language, false, "unknown portal");
        }

        if ((await configured.ListAsync(cancellationToken)).FirstOrDefault(p => p.Key == row.Key) is { } configuredPortal)
        {
            _resolved[portalId] = configuredPortal;
            var app = configuredPortal.AuthMode == Bitrix24AuthMode.OAuth;
            return new CrmTimelinePortal(portalId, row.Key, true, app ? await LanguageAsync(configuredPortal, cancellationToken) : language, app);
        }

        var install = await installs.GetAsync(row.Key, cancellationToken);
        if (install is null || !install.IsActive)
        {
            // Uninstalled or waiting for re-authorisation: entries stay pending until the install is active again.
            return new CrmTimelinePortal(portalId, row.Key, false, language, install is not null, install?.Status ?? "no install");
        }

        var portal = install.ToPortal();
        _resolved[portalId] = portal;
        return new CrmTimelinePortal(portalId, row.Key, true, await LanguageAsync(portal, cancellationToken), true);
    }

    public async Task<IReadOnlyList<CrmTimelineOutcome>> WriteAsync(CrmTimelinePortal portal, IReadOnlyList<CrmTimelineWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(writes);
        if (!_resolved.TryGetValue(portal.PortalId, out var target))
        {
            return [.. writes.Select(w => new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Unavailable, Reason: "portal not resolved"))];
        }

        var app = target.AuthMode == Bitrix24AuthMode.OAuth;
        var commands = writes.Select((w, i) => Bitrix24TimelineCommands.For(Bitrix24TimelineCommands.Key(i), w, app)).ToList();
        var response = await client().BatchAsync(target, commands, idempotent: false, cancellationToken);
        if (!response.IsSuccess)
        {
            return [.. writes.Select(w => Whole(w.EntryId, response.Error))];
        }

        var outcome = response.Value;
        return [.. writes.Select((w, i) =>
        {
            var key = Bitrix24TimelineCommands.Key(i);
            if (outcome.Results.TryGetValue(key, out var result))
            {
                return new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Written, CrmId(result));
            }

            return outcome.Errors.TryGetValue(key, out var error)
                ? Single(w.EntryId, error)
                : new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Retry, Reason: "not executed");
        })];
    }

    public async Task<IReadOnlyList<CrmTimelineOutcome>> FindAsync(CrmTimelinePortal portal, IReadOnlyList<CrmTimelineWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(writes);
        if (!_resolved.TryGetValue(portal.PortalId, out var target))
        {
            return [.. writes.Select(w => new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Unavailable, Reason: "portal not resolved"))];
        }

        var app = target.AuthMode == Bitrix24AuthMode.OAuth;
        var commands = writes.Select((w, i) => Bitrix24TimelineCommands.Find(Bitrix24TimelineCommands.Key(i), w, app)).ToList();
        var response = await client().BatchAsync(target, commands, idempotent: true, cancellationToken);
        if (!response.IsSuccess)
        {
            // A failed look says nothing about the entries: not writable, or still uncertain — never "write again".
            return [.. writes.Select(w => Whole(w.EntryId, response.Error) is { Kind: CrmTimelineOutcomeKind.Unavailable } unavailable
                ? unavailable
                : new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Uncertain, Reason: response.Error.ToString()))];
        }

        return [.. writes.Select((w, i) =>
        {
            var key = Bitrix24TimelineCommands.Key(i);
            if (!response.Value.Results.TryGetValue(key, out var result))
            {
                return new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Uncertain, Reason: response.Value.Errors.TryGetValue(key, out var e) ? e.ToString() : "not executed");
            }

            return Match(result, w, app) is { } id
                ? new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Written, id)
                : new CrmTimelineOutcome(w.EntryId, CrmTimelineOutcomeKind.Retry, Reason: "not found after an uncertain write");
        })];
    }

    /// <summary>
    /// logmessage.list answers a bare array (docs sample) or <c>{"logMessages":[…]}</c> (server Page); both are accepted
    /// (bitrix24-automation.md §1.3). comment.list rows carry <c>ID</c> and <c>COMMENT</c>.
    /// </summary>
    private static string? Match(JsonElement result, CrmTimelineWrite write, bool app)
    {
        var rows = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("logMessages", out var inner) ? inner : result;
        if (rows.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var title = Bitrix24TimelineText.Escape(write.Title, Bitrix24TimelineText.MaxTitle);
        var text = Bitrix24TimelineText.Escape(write.Text, Bitrix24TimelineText.MaxText);
        foreach (var row in rows.EnumerateArray())
        {
            var same = app
                ? Text(row, "title") == title && Text(row, "text") == text
                : Text(row, "COMMENT") == Bitrix24TimelineCommands.CommentOf(title, text);
            if (same)
            {
                return Text(row, app ? "id" : "ID");
            }
        }

        return null;
    }

    private static string? Text(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    // logmessage.add → {"logMessage":{"id":1,…}}; comment.add → 999; contact.update and trigger.execute → true.
    private static string CrmId(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("logMessage", out var message) && message.TryGetProperty("id", out var id)
            ? id.GetRawText()
            : result.GetRawText();

    /// <summary>The whole call failed: refused before execution (retry), maybe executed (uncertain), or the portal is not writable.</summary>
    private static CrmTimelineOutcome Whole(long entryId, Bitrix24Error error)
    {
        var kind = error.Kind switch
        {
            Bitrix24ErrorKind.Auth or Bitrix24ErrorKind.Forbidden => CrmTimelineOutcomeKind.Unavailable,
            Bitrix24ErrorKind.RateLimited or Bitrix24ErrorKind.OperatingLimit => CrmTimelineOutcomeKind.Retry,
            Bitrix24ErrorKind.Server when error.Code == Bitrix24Error.OverloadLimit => CrmTimelineOutcomeKind.Retry,
            Bitrix24ErrorKind.Unreachable or Bitrix24ErrorKind.InvalidResponse or Bitrix24ErrorKind.Server => CrmTimelineOutcomeKind.Uncertain,
            _ => CrmTimelineOutcomeKind.Retry,
        };
        return new CrmTimelineOutcome(entryId, kind, Reason: error.ToString());
    }

    /// <summary>One command of a batch failed: that command was not executed; the method's own refusals are final.</summary>
    private static CrmTimelineOutcome Single(long entryId, Bitrix24Error error)
    {
        var kind = error.Kind switch
        {
            Bitrix24ErrorKind.Auth => CrmTimelineOutcomeKind.Unavailable,
            Bitrix24ErrorKind.RateLimited or Bitrix24ErrorKind.OperatingLimit or Bitrix24ErrorKind.Server or Bitrix24ErrorKind.Unreachable => CrmTimelineOutcomeKind.Retry,
            _ => CrmTimelineOutcomeKind.Failed,
        };
        return new CrmTimelineOutcome(entryId, kind, Reason: error.ToString());
    }

    private async Task<string> LanguageAsync(Bitrix24Portal portal, CancellationToken cancellationToken)
    {
        if (_languages.TryGetValue(portal.Key, out var known))
        {
            return known;
        }

        // app.info carries LANGUAGE_ID (api-reference/common/system/app-info.md); asked once per portal and process.
        var info = await client().CallAsync(portal, "app.info", [], idempotent: true, cancellationToken);
        var language = info.IsSuccess && info.Value.Result.ValueKind == JsonValueKind.Object
            && info.Value.Result.TryGetProperty("LANGUAGE_ID", out var id) && id.GetString() is { Length: > 0 } value
                ? value.ToLowerInvariant()
                : options.Value.Language;
        if (info.IsSuccess)
        {
            _languages[portal.Key] = language;
        }

        return language;
    }
}
