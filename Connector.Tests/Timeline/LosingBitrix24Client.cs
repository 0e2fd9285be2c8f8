using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24;

namespace Connector.Tests.Timeline;

/// <summary>
/// The real client, except that the first <paramref name="lose"/> batches whose first command is <paramref name="method"/>
/// are executed by the portal and then answered with a timeout: the write arrived, its answer did not.
/// </summary>
public sealed class LosingBitrix24Client(IBitrix24Client inner, string method, int lose) : IBitrix24Client
{
    private int _lost;

    public int Lost => _lost;

    public Task<Bitrix24Response<JsonElementResult>> CallAsync(Bitrix24Portal portal, string method, JsonObject parameters, bool idempotent, CancellationToken cancellationToken) =>
        inner.CallAsync(portal, method, parameters, idempotent, cancellationToken);

    public async Task<Bitrix24Response<Bitrix24BatchOutcome>> BatchAsync(Bitrix24Portal portal, IReadOnlyList<Bitrix24BatchCommand> commands, bool idempotent, CancellationToken cancellationToken)
    {
        var response = await inner.BatchAsync(portal, commands, idempotent, cancellationToken);
        if (commands.Count > 0 && commands[0].Method == method && Interlocked.Increment(ref _lost) <= lose)
        {
            return Bitrix24Response<Bitrix24BatchOutcome>.Fail(new Bitrix24Error(Bitrix24ErrorKind.Unreachable, "TIMEOUT", "batch: no answer within 60 s"));
        }

        return response;
    }

    public Bitrix24Counters CountersFor(Bitrix24Portal portal) => inner.CountersFor(portal);

    public void SetPlan(Bitrix24Portal portal, Bitrix24Plan plan) => inner.SetPlan(portal, plan);
}
