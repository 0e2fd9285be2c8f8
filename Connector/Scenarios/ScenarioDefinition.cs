using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Scenarios;

/// <summary>
/// One version of a scenario as read from its file: name, trigger, how late a trigger may be found and still act,
/// re-entry and exit rules, and the steps (the first one is where an enrollment starts).
/// </summary>
public sealed record ScenarioDefinition
{
    public required string Name { get; init; }

    public string? Portal { get; init; }

    public required ScenarioTrigger Trigger { get; init; }

    public TimeSpan MaxLateness { get; init; } = TimeSpan.FromDays(1);

    public ReEntryRule ReEntry { get; init; } = new();

    public ExitRules Exit { get; init; } = new();

    public required IReadOnlyList<ScenarioStep> Steps { get; init; }

    /// <summary>The stored form of a definition (scenario_versions.definition).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public ScenarioStep? StepById(string id) => Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>The steps a step may lead to (null: past the last step, the enrollment is completed).</summary>
    public IReadOnlyList<string?> Successors(ScenarioStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var index = Steps.ToList().FindIndex(s => s.Id == step.Id);
        var below = index + 1 < Steps.Count ? Steps[index + 1].Id : null;
        return step.Kind switch
        {
            StepKind.Exit => [],
            StepKind.Condition => [step.Then ?? below, step.Else ?? below],
            StepKind.Split => step.Branches.Select(b => b.Goto ?? below).ToList(),
            _ => [step.Next ?? below],
        };
    }
}
