using Connector.Sync;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// Reads a Bitrix24 portal for the mirror at the lowest request cost: every list is a chain of 50-row pages and all
/// chains and one-off calls share batches of 50 calls, so N rows cost about ceil(N / 2,500) requests.
/// </summary>
public sealed class Bitrix24CrmSource(IBitrix24Client client, Bitrix24Portal portal, ILogger<Bitrix24CrmSource> logger) : ICrmSource
{
    public string PortalKey => portal.Key;

    public string PortalDomain => portal.Endpoint.Authority;

    public string AuthMode => portal.AuthMode.ToString().ToLowerInvariant();

    /// <summary>
    /// The portal's UTC offset from <c>server.time</c> (api-reference/common/system/server-time.md: "the current server
    /// time in the format YYYY-MM-DDThh:mm:ss±hh:mm"). Bitrix24 names no zone id for the portal (user.current's TIME_ZONE
    /// is the calling user's own, often empty), so a fixed offset is what it can tell; null when the call fails.
    /// </summary>
    public async Task<string?> TimeZoneAsync(CancellationToken cancellationToken)
    {
        var response = await client.CallAsync(portal, "server.time", new System.Text.Json.Nodes.JsonObject(), idempotent: true, cancellationToken);
        return response.IsSuccess && response.Value.Result.ValueKind == System.Text.Json.JsonValueKind.String
            && DateTimeOffset.TryParse(response.Value.Result.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? Connector.Store.PortalTimeZones.FormatOffset(at.Offset)
            : null;
    }

    /// <summary>
    /// The portal's users from <c>user.get</c> (api-reference/user/user-get.md: pages of 50 by <c>start</c>, <c>next</c>
    /// while more remain; ID a string, ACTIVE a boolean), at most 200 pages; null when a page fails (no user scope).
    /// </summary>
    public async Task<IReadOnlyList<CrmUser>?> UsersAsync(CancellationToken cancellationToken)
    {
        var users = new List<CrmUser>();
        int? start = 0;
        for (var page = 0; start is { } at && page < 200; page++)
        {
            var response = await client.CallAsync(portal, "user.get", new System.Text.Json.Nodes.JsonObject { ["start"] = at }, idempotent: true, cancellationToken);
            if (!response.IsSuccess || response.Value!.Result.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                logger.LogInformation("user.get on {Portal} did not answer a list ({Error}); cards show the responsible user's id", portal.Key, response.Error?.Code);
                return null;
            }

            foreach (var row in response.Value.Result.EnumerateArray())
            {
                if (UserReader.Read(row) is { } user)
                {
                    users.Add(user);
                }
            }

            start = response.Value.Next;
        }

        return users;
    }

    /// <summary>The languages the app's pages speak: labels are read in each (a portal answers a field's label per language).</summary>
    public static IReadOnlyList<string> LabelLanguages { get; } = ["en", "ru"];

    /// <summary>
    /// The names of the portal's contact and deal custom fields in <see cref="LabelLanguages"/>:
    /// <c>crm.contact.userfield.list</c> and <c>crm.deal.userfield.list</c> with <c>filter[LANG]</c> (without it the
    /// labels are left out; api-reference/crm/contacts/userfield/crm-contact-userfield-list.md), pages of 50 by
    /// <c>start</c>, at most 20 pages each. Both need a CRM administrator: null when any call fails (the editors keep the labels they had).
    /// </summary>
    public async Task<IReadOnlyList<CrmFieldLabel>?> FieldLabelsAsync(CancellationToken cancellationToken)
    {
        var labels = new List<CrmFieldLabel>();
        foreach (var (owner, method) in new[] { ("contact", "crm.contact.userfield.list"), ("deal", "crm.deal.userfield.list") })
        {
            foreach (var lang in LabelLanguages)
            {
                int? start = 0;
                for (var page = 0; start is { } at && page < 20; page++)
                {
                    var parameters = new System.Text.Json.Nodes.JsonObject { ["filter"] = new System.Text.Json.Nodes.JsonObject { ["LANG"] = lang }, ["start"] = at };
                    var response = await client.CallAsync(portal, method, parameters, idempotent: true, cancellationToken);
                    if (!response.IsSuccess || response.Value!.Result.ValueKind != System.Text.Json.JsonValueKind.Array)
                    {
                        logger.LogInformation("{Method} on {Portal} did not answer a list ({Error}); the editors show custom fields by their codes", method, portal.Key, response.Error?.Code);
                        return null;
                    }

                    foreach (var row in response.Value.Result.EnumerateArray())
                    {
                        if (FieldLabelReader.Read(row, owner, lang) is { } label)
                        {
                            labels.Add(label);
                        }
                    }

                    start = response.Value.Next;
                }
            }
        }

        return labels;
    }

    public async Task<CrmReadResult> ReadAsync(CrmReadPlan plan, ICrmReadSink sink, CancellationToken cancellationToken)
    {
        var before = client.CountersFor(portal);
        var run = new ReadRun(plan, sink, p => client.SetPlan(portal, p));
        long calls = 0;
        while (run.HasWork)
        {
            var batch = run.NextBatch();
            if (batch.Commands.Count == 0)
            {
                break;
            }

            calls += batch.Commands.Count;
            var response = await client.BatchAsync(portal, batch.Commands, idempotent: true, cancellationToken);
            if (!response.IsSuccess)
            {
                run.Fail($"batch ({string.Join(", ", batch.Commands.Select(c => c.Method).Distinct())}): {response.Error}");
                break;
            }

            await run.AcceptAsync(batch, response.Value, cancellationToken);
        }

        var after = client.CountersFor(portal);
        var failure = run.Failures.Count == 0 ? null : string.Join("; ", run.Failures);
        if (failure is not null)
        {
            // Debug: MirrorSync reports the failed pass (with backoff, see PortalHealth).
            logger.LogDebug("Reading portal {Portal} failed: {Failure}", portal.Key, failure);
        }

        return new CrmReadResult
        {
            Requests = after.Requests - before.Requests,
            MinimumRequests = run.MinimumRequests,
            Calls = calls,
            RateLimited = after.RateLimited503 - before.RateLimited503,
            Completed = run.Completed,
            Failure = failure,
        };
    }
}
