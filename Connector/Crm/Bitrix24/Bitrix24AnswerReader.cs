using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>Feeds one answer into the limiter state: 503 fills the bucket, times and 429s go to the operating budget.</summary>
public static class Bitrix24AnswerReader
{
    public static Bitrix24AnswerFacts Read(
        Bitrix24Portal portal, Bitrix24CallInfo call, int httpStatus, ReadOnlyMemory<byte> body,
        Bitrix24LeakyBucket bucket, Bitrix24OperatingBudget budget, Bitrix24Meters meters)
    {
        using var document = Bitrix24Wire.TryParse(body);
        var root = document?.RootElement ?? default;
        var facts = new Bitrix24AnswerFacts(
            httpStatus, Bitrix24Wire.ReadError(root, httpStatus)?.Code, Unreadable: document is null && httpStatus is >= 200 and < 300);

        if (facts.Is(Bitrix24Error.QueryLimitExceeded))
        {
            meters.RateLimited(portal.Key);
            bucket.MarkFull(portal.Key);
        }

        if (httpStatus == 429 || facts.Is(Bitrix24Error.OperationTimeLimit))
        {
            meters.OperatingLimited(portal.Key);
            var answered = Bitrix24Wire.ReadEnvelopeTime(root);
            foreach (var method in call.BudgetMethods)
            {
                budget.Block(portal.Key, method, answered);
            }

            return facts;
        }

        if (facts.ErrorCode is not null || root.ValueKind != JsonValueKind.Object)
        {
            return facts;
        }

        if (!call.IsBatch)
        {
            if (Bitrix24Wire.ReadEnvelopeTime(root) is { } time)
            {
                budget.Record(portal.Key, call.Method, time);
            }

            return facts;
        }

        ReadBatch(portal, call, root, budget, meters);
        return facts;
    }

    private static void ReadBatch(
        Bitrix24Portal portal, Bitrix24CallInfo call, JsonElement root, Bitrix24OperatingBudget budget, Bitrix24Meters meters)
    {
        if (!root.TryGetProperty("result", out var outer) || outer.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (outer.TryGetProperty("result_time", out var times))
        {
            foreach (var entry in Bitrix24Wire.MapEntries(times))
            {
                if (call.CommandMethods.TryGetValue(entry.Name, out var method) && Bitrix24Wire.ReadTime(entry.Value) is { } time)
                {
                    budget.Record(portal.Key, method, time);
                }
            }
        }

        if (outer.TryGetProperty("result_error", out var errors))
        {
            foreach (var entry in Bitrix24Wire.MapEntries(errors))
            {
                if (call.CommandMethods.TryGetValue(entry.Name, out var method)
                    && Bitrix24Wire.ReadError(entry.Value, null)?.Kind == Bitrix24ErrorKind.OperatingLimit)
                {
                    meters.OperatingLimited(portal.Key);
                    budget.Block(portal.Key, method, CommandTime(outer, entry.Name));
                }
            }
        }
    }

    private static Bitrix24Time? CommandTime(JsonElement outer, string key) =>
        outer.TryGetProperty("result_time", out var times) && times.ValueKind == JsonValueKind.Object && times.TryGetProperty(key, out var time)
            ? Bitrix24Wire.ReadTime(time)
            : null;
}
