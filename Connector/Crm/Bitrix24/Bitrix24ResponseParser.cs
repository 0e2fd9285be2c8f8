using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Turns one HTTP answer into a <see cref="Bitrix24Response{T}"/>. Never throws on what the portal sends:
/// non-JSON becomes <see cref="Bitrix24ErrorKind.InvalidResponse"/> (or <see cref="Bitrix24ErrorKind.Server"/> for a 5xx page)
/// naming the method. The body itself is never copied into the error: it may echo the webhook URL.
/// </summary>
public static class Bitrix24ResponseParser
{
    public static Bitrix24Response<JsonElementResult> ParseCall(string method, int httpStatus, ReadOnlyMemory<byte> body)
    {
        using var document = Bitrix24Wire.TryParse(body);
        if (Envelope(method, httpStatus, body, document) is { } failure)
        {
            return Bitrix24Response<JsonElementResult>.Fail(failure);
        }

        var root = document!.RootElement;
        var result = root.GetProperty("result").Clone();
        var total = root.TryGetProperty("total", out var t) ? Bitrix24Wire.ReadInt(t) : null;
        var next = root.TryGetProperty("next", out var n) ? Bitrix24Wire.ReadInt(n) : null;
        return Bitrix24Response<JsonElementResult>.Ok(new JsonElementResult(result, total, next), Bitrix24Wire.ReadEnvelopeTime(root));
    }

    public static Bitrix24Response<Bitrix24BatchOutcome> ParseBatch(int httpStatus, ReadOnlyMemory<byte> body)
    {
        const string method = "batch";
        using var document = Bitrix24Wire.TryParse(body);
        if (Envelope(method, httpStatus, body, document) is { } failure)
        {
            return Bitrix24Response<Bitrix24BatchOutcome>.Fail(failure);
        }

        var root = document!.RootElement;
        var outer = root.GetProperty("result");
        if (outer.ValueKind != JsonValueKind.Object)
        {
            return Bitrix24Response<Bitrix24BatchOutcome>.Fail(Invalid(method, httpStatus, $"'result' is a JSON {outer.ValueKind}, expected an object"));
        }

        var outcome = new Bitrix24BatchOutcome
        {
            Results = Map(outer, "result", v => v.Clone()),
            Errors = Map(outer, "result_error", v => Bitrix24Wire.ReadError(v, null)
                ?? new Bitrix24Error(Bitrix24ErrorKind.InvalidResponse, "", "batch command error without 'error'")),
            Totals = Ints(outer, "result_total"),
            Next = Ints(outer, "result_next"),
            Times = Map(outer, "result_time", Bitrix24Wire.ReadTime).Where(p => p.Value is not null)
                .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
        };
        return Bitrix24Response<Bitrix24BatchOutcome>.Ok(outcome, Bitrix24Wire.ReadEnvelopeTime(root));
    }

    /// <summary>Null when the document is a success envelope with <c>result</c>; otherwise the failure.</summary>
    private static Bitrix24Error? Envelope(string method, int httpStatus, ReadOnlyMemory<byte> body, JsonDocument? document)
    {
        if (document is null)
        {
            var what = body.IsEmpty ? "an empty body" : "a body that is not JSON";
            return httpStatus >= 500
                ? new Bitrix24Error(Bitrix24ErrorKind.Server, "", $"{method}: HTTP {httpStatus} with {what}", httpStatus)
                : Invalid(method, httpStatus, $"answered with {what}");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(method, httpStatus, $"answered a JSON {root.ValueKind}, expected an object");
        }

        if (Bitrix24Wire.ReadError(root, httpStatus) is { } error)
        {
            return error;
        }

        if (httpStatus is < 200 or >= 300)
        {
            return new Bitrix24Error(Bitrix24ErrorClassifier.Classify("", httpStatus), "", $"{method}: HTTP {httpStatus} without an error code", httpStatus);
        }

        return root.TryGetProperty("result", out _) ? null : Invalid(method, httpStatus, "answered neither 'result' nor 'error'");
    }

    private static Bitrix24Error Invalid(string method, int httpStatus, string what) =>
        new(Bitrix24ErrorKind.InvalidResponse, "", $"{method}: {what}", httpStatus);

    private static Dictionary<string, T> Map<T>(JsonElement outer, string name, Func<JsonElement, T> read) =>
        outer.TryGetProperty(name, out var map)
            ? Bitrix24Wire.MapEntries(map).ToDictionary(p => p.Name, p => read(p.Value), StringComparer.Ordinal)
            : new Dictionary<string, T>(StringComparer.Ordinal);

    private static Dictionary<string, int> Ints(JsonElement outer, string name) =>
        Map(outer, name, Bitrix24Wire.ReadInt).Where(p => p.Value.HasValue)
            .ToDictionary(p => p.Key, p => p.Value!.Value, StringComparer.Ordinal);
}
