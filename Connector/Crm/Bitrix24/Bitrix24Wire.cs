using System.Globalization;
using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>Low-level readers for the envelope pieces: <c>time</c>, <c>error</c>, <c>[]</c>-or-<c>{}</c> maps.</summary>
public static class Bitrix24Wire
{
    /// <summary>Parses a body; null when it is not JSON at all (HTML error pages, garbage, empty).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return body.IsEmpty ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The error in an envelope (<c>error</c>, <c>error_description</c>), or null when there is none.</summary>
    public static Bitrix24Error? ReadError(JsonElement envelope, int? httpStatus)
    {
        if (envelope.ValueKind != JsonValueKind.Object || !envelope.TryGetProperty("error", out var error))
        {
            return null;
        }

        var code = error.ValueKind switch
        {
            JsonValueKind.String => error.GetString() ?? "",
            JsonValueKind.Number => error.GetRawText(),
            _ => "",
        };
        var description = envelope.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString() ?? ""
            : "";
        return new Bitrix24Error(Bitrix24ErrorClassifier.Classify(code, httpStatus), code, description, httpStatus);
    }

    /// <summary>Reads a <c>time</c> object; null for anything else (missing, <c>[]</c>).</summary>
    public static Bitrix24Time? ReadTime(JsonElement time)
    {
        if (time.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new Bitrix24Time
        {
            Start = Double(time, "start") ?? 0,
            Finish = Double(time, "finish") ?? 0,
            Duration = Double(time, "duration") ?? 0,
            Processing = Double(time, "processing") ?? 0,
            Operating = Double(time, "operating"),
            OperatingResetAt = Double(time, "operating_reset_at") is { } reset ? (long)reset : null,
        };
    }

    /// <summary>The top-level <c>time</c> of an envelope, if any.</summary>
    public static Bitrix24Time? ReadEnvelopeTime(JsonElement envelope) =>
        envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("time", out var t) ? ReadTime(t) : null;

    /// <summary>Enumerates a map that Bitrix24 writes as <c>{}</c> when filled and as <c>[]</c> when empty.</summary>
    public static IEnumerable<JsonProperty> MapEntries(JsonElement map) =>
        map.ValueKind == JsonValueKind.Object ? map.EnumerateObject() : [];

    /// <summary>An integer that may come as a number or a numeric string.</summary>
    public static int? ReadInt(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static double? Double(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }
}
