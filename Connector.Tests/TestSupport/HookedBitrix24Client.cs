using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24;

namespace Connector.Tests.TestSupport;

/// <summary>
/// Passes calls to the real client and runs <paramref name="afterBatch"/> once each batch answer is in, before the
/// reader sees it: the place to change the portal "while the pass runs" (between pages).
/// </summary>
public sealed class HookedBitrix24Client(IBitrix24Client inner, Action<IReadOnlyList<Bitrix24BatchCommand>, Bitrix24BatchOutcome> afterBatch) : IBitrix24Client
{
    public Task<Bitrix24Response<JsonElementResult>> CallAsync(Bitrix24Portal portal, string method, JsonObject parameters, bool idempotent, CancellationToken cancellationToken) =>
        inner.CallAsync(portal, method, parameters, idempotent, cancellationToken);

    public async Task<Bitrix24Response<Bitrix24BatchOutcome>> BatchAsync(Bitrix24Portal portal, IReadOnlyList<Bitrix24BatchCommand> commands, bool idempotent, CancellationToken cancellationToken)
    {
        var response = await inner.BatchAsync(portal, commands, idempotent, cancellationToken);
        if (response.IsSuccess)
        {
            afterBatch(commands, response.Value);
        }

        return response;
    }

    public Bitrix24Counters CountersFor(Bitrix24Portal portal) => inner.CountersFor(portal);

    public void SetPlan(Bitrix24Portal portal, Bitrix24Plan plan) => inner.SetPlan(portal, plan);
}
