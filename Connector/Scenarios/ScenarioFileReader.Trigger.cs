using System.Text.Json.Nodes;

namespace Connector.Scenarios;

public static partial class ScenarioFileReader
{
    public static readonly IReadOnlyList<string> SupportedTriggers = ["deal_entered_stage", "deal_created", "contact_created", .. ScanTriggerTypes, "api"];

    /// <summary>Triggers issue 10 names that are not built yet: refused by name, so a file using one says so.</summary>
    public static readonly IReadOnlyList<string> NotYetSupportedTriggers = [];

    // The key whose line a trigger's mirror problems point at (its stage, segment or field), else the trigger's own.
    private static readonly string[] LineKeys = ["stage", "segment", "field"];

    private static ScenarioTrigger? ReadTrigger(NodeReader reader, JsonNode? node, string path)
    {
        if (node is null)
        {
            reader.Error("$", "'trigger' is required");
            return null;
        }

        if (reader.Object(node, path, "trigger") is not { } obj)
        {
            return null;
        }

        var type = reader.Text(obj, path, "type", required: true);
        var trigger = ReadTriggerOfType(reader, obj, path, type);
        var at = LineKeys.FirstOrDefault(obj.ContainsKey);
        return trigger is null ? null : trigger with { Line = reader.LineOf(at is null ? path : $"{path}.{at}") };
    }

    private static ScenarioTrigger? ReadTriggerOfType(NodeReader reader, JsonObject obj, string path, string? type)
    {
        switch (type)
        {
            case null:
                return null;
            case "deal_entered_stage":
                reader.KnownKeys(obj, path, "type", "pipeline", "stage", "from_stage");
                var pipeline = reader.Integer(obj, path, "pipeline", required: true);
                var stage = reader.Text(obj, path, "stage", required: true);
                return pipeline is null || stage is null ? null : new ScenarioTrigger
                {
                    Kind = TriggerKind.DealEnteredStage, Pipeline = pipeline, Stage = stage, FromStage = reader.Text(obj, path, "from_stage", required: false),
                };
            case "deal_created":
                reader.KnownKeys(obj, path, "type", "pipeline");
                return new ScenarioTrigger { Kind = TriggerKind.DealCreated, Pipeline = reader.Integer(obj, path, "pipeline", required: false) };
            case "contact_created":
                reader.KnownKeys(obj, path, "type");
                return new ScenarioTrigger { Kind = TriggerKind.ContactCreated };
            case "api":
                reader.KnownKeys(obj, path, "type");
                return new ScenarioTrigger { Kind = TriggerKind.Api };
            case "robot":
                // The robot's scenarios are generated per (template, kind, delay) by its handler; a file cannot be one.
                reader.Error($"{path}.type", "trigger type 'robot' belongs to the Bitrix24 robot's own scenarios, made when the robot runs; a file cannot use it (use 'api' for explicit entry)");
                return null;
            case { } scan when ScanTriggerTypes.Contains(scan):
                return ReadScanTrigger(reader, obj, path, scan);
            default:
                reader.Error($"{path}.type", NotYetSupportedTriggers.Contains(type)
                    ? $"trigger type '{type}' is not yet supported (supported: {string.Join(", ", SupportedTriggers)})"
                    : $"unknown trigger type '{type}' (supported: {string.Join(", ", SupportedTriggers)})");
                return null;
        }
    }
}
