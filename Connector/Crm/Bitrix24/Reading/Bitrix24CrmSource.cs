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
