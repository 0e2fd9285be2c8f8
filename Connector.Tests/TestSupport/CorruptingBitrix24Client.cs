using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24;

namespace Connector.Tests.TestSupport;

/// <summary>
/// Passes calls to the real client and rewrites rows of batch answers: <paramref name="corrupt"/> edits a row in place
/// (returns true when it did), <paramref name="drop"/> removes rows (a portal whose history misses a move).
/// </summary>
public sealed class CorruptingBitrix24Client(IBitrix24Client inner, Func<JsonObject, bool> corrupt, Func<JsonObject, bool>? drop = null) : IBitrix24Client
{
    public Task<Bitrix24Response<JsonElementResult>> CallAsync(Bitrix24Portal portal, string method, JsonObject parameters, bool idempotent, CancellationToken cancellationToken) =>
        inner.CallAsync(portal, method, parameters, idempotent, cancellationToken);

    public async Task<Bitrix24Response<Bitrix24BatchOutcome>> BatchAsync(Bitrix24Portal portal, IReadOnlyList<Bitrix24BatchCommand> commands, bool idempotent, CancellationToken cancellationToken)
    {
        var response = await inner.BatchAsync(portal, commands, idempotent, cancellationToken);
        if (!response.IsSuccess)
        {
            return response;
        }

        var results = response.Value.Results.ToDictionary(r => r.Key, r => Rewrite(r.Value));
        return Bitrix24Response<Bitrix24BatchOutcome>.Ok(response.Value with { Results = results }, response.Time);
    }

    public Bitrix24Counters CountersFor(Bitrix24Portal portal) => inner.CountersFor(portal);

    public void SetPlan(Bitrix24Portal portal, Bitrix24Plan plan) => inner.SetPlan(portal, plan);

    private JsonElement Rewrite(JsonElement result)
    {
        var node = JsonNode.Parse(result.GetRawText());
        var rows = node is JsonObject o && o["items"] is JsonArray items ? items : node as JsonArray;
        var changed = false;
        foreach (var row in rows?.OfType<JsonObject>().ToList() ?? [])
        {
            if (drop?.Invoke(row) == true)
            {
                rows!.Remove(row);
                changed = true;
                continue;
            }

            changed |= corrupt(row);
        }

        return changed ? JsonSerializer.SerializeToElement(node) : result;
    }
}
