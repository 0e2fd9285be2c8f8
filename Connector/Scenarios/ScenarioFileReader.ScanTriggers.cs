using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connector.Scenarios;

public static partial class ScenarioFileReader
{
    /// <summary>Triggers found by scanning the mirror on each pass, each occurrence acted on once (see <see cref="ScenarioTrigger.Scans"/>).</summary>
    public static readonly IReadOnlyList<string> ScanTriggerTypes = ["deal_idle", "date_field", "no_won_deal", "segment_entered", "rfm_entered"];

    private const int MaxDays = 36_500;

    private static ScenarioTrigger? ReadScanTrigger(NodeReader reader, JsonObject obj, string path, string type)
    {
        switch (type)
        {
            case "deal_idle":
                reader.KnownKeys(obj, path, "type", "pipeline", "stage", "days");
                var pipeline = reader.Integer(obj, path, "pipeline", required: true);
                var days = Days(reader, obj, path);
                return pipeline is null || days is null ? null : new ScenarioTrigger
                {
                    Kind = TriggerKind.DealIdle, Pipeline = pipeline, Stage = reader.Text(obj, path, "stage", required: false), Days = days,
                };
            case "no_won_deal":
                reader.KnownKeys(obj, path, "type", "days");
                return Days(reader, obj, path) is { } lapse ? new ScenarioTrigger { Kind = TriggerKind.NoWonDeal, Days = lapse } : null;
            case "segment_entered":
                reader.KnownKeys(obj, path, "type", "segment");
                return reader.Text(obj, path, "segment", required: true) is { } segment
                    ? new ScenarioTrigger { Kind = TriggerKind.SegmentEntered, Segment = segment }
                    : null;
            case "rfm_entered":
                reader.KnownKeys(obj, path, "type", "segment");
                var rfm = reader.Text(obj, path, "segment", required: true);
                if (rfm is not null && Rfm.RfmSegments.Parse(rfm) is null)
                {
                    reader.Error($"{path}.segment", $"'segment': '{rfm}' is not an RFM segment ({string.Join(", ", Rfm.RfmSegments.All)})");
                    return null;
                }

                return rfm is null ? null : new ScenarioTrigger { Kind = TriggerKind.RfmEntered, Rfm = rfm };
            default:
                return ReadDateField(reader, obj, path);
        }
    }

    private static ScenarioTrigger? ReadDateField(NodeReader reader, JsonObject obj, string path)
    {
        reader.KnownKeys(obj, path, "type", "field", "offset", "at", "every_year");
        var field = reader.Text(obj, path, "field", required: true);
        if (field is not null && !DateFieldPattern().IsMatch(field))
        {
            reader.Error($"{path}.field", $"'field': '{field}' must be a custom date field, contact.UF_CRM_X or deal.UF_CRM_X (the mirror keeps custom fields; deal.CLOSEDATE is not mirrored)");
            field = null;
        }

        var offsetText = reader.Text(obj, path, "offset", required: false);
        var offset = ParseOffset(offsetText);
        if (offsetText is not null && offset is null)
        {
            reader.Error($"{path}.offset", $"'offset': '{offsetText}' is not an offset (-7d, +1d, 0d, -12h; at most 3650 days)");
        }

        var atText = reader.Text(obj, path, "at", required: false) ?? "09:00";
        var at = TimeOnly.TryParseExact(atText, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : (TimeOnly?)null;
        if (at is null)
        {
            reader.Error($"{path}.at", $"'at': '{atText}' is not a time of day (HH:mm, such as \"10:00\")");
        }

        var everyYear = reader.Boolean(obj, path, "every_year") ?? false;
        return field is null || at is null || (offsetText is not null && offset is null) ? null : new ScenarioTrigger
        {
            Kind = TriggerKind.DateField, Field = field, Offset = offset ?? TimeSpan.Zero, At = at, EveryYear = everyYear,
        };
    }

    private static int? Days(NodeReader reader, JsonObject obj, string path)
    {
        var days = reader.Integer(obj, path, "days", required: true);
        if (days is < 1 or > MaxDays)
        {
            reader.Error($"{path}.days", $"'days' must be between 1 and {MaxDays}");
            return null;
        }

        return (int?)days;
    }

    /// <summary>A signed duration: <c>-7d</c>, <c>+1d</c>, <c>7d</c>, <c>0d</c>; null when it is not one.</summary>
    public static TimeSpan? ParseOffset(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var sign = trimmed[0] == '-' ? -1 : 1;
        var body = trimmed[0] is '-' or '+' ? trimmed[1..] : trimmed;
        if (body is "0" or "0d")
        {
            return TimeSpan.Zero;
        }

        return ScenarioDuration.Parse(body) is { } duration && duration <= TimeSpan.FromDays(3650) ? duration * sign : null;
    }

    [GeneratedRegex("^(contact|deal)\\.UF_[A-Za-z0-9_]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateFieldPattern();
}
