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
