using Connector.Segments;
using Connector.Store;

namespace Connector.Scenarios;

/// <summary>
/// The checks a scenario file cannot make alone: its pipeline and stages exist in the portal's mirror (and the stage is
/// in that pipeline), every template it sends is stored, and every saved segment it names exists. Each problem carries
/// the line it comes from.
/// </summary>
public sealed class ScenarioValidator(MirrorQueries mirror, ScenarioTemplates templates, SegmentStore segments)
{
    public async Task<IReadOnlyList<ScenarioError>> ValidateAsync(ScenarioDefinition definition, long portalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<ScenarioError>();
        var stages = new List<StageRow>();
        // Run on every trigger pass too (ScenarioHealth): the stages only, not their deal counts.
        await foreach (var stage in mirror.StagesWithoutCountsAsync(portalId, cancellationToken))
        {
            stages.Add(stage);
        }

        var trigger = definition.Trigger;
        if (trigger.Pipeline is { } pipeline)
        {
            if (!stages.Any(s => s.PipelineId == pipeline))
            {
                errors.Add(new ScenarioError(trigger.Line, $"unknown pipeline {pipeline} (the mirror has {Pipelines(stages)}; run crm-esp stages)", "$.trigger.pipeline"));
            }
            else
            {
                errors.AddRange(new[] { (Key: "stage", Stage: trigger.Stage), (Key: "from_stage", Stage: trigger.FromStage) }.Where(k => k.Stage is not null)
                    .Where(k => !stages.Any(s => s.PipelineId == pipeline && s.StageId == k.Stage))
                    .Select(k => new ScenarioError(trigger.Line, $"unknown stage {k.Stage} in pipeline {pipeline} (it has {string.Join(", ", stages.Where(s => s.PipelineId == pipeline).Select(s => s.StageId))})", $"$.trigger.{k.Key}")));
            }
        }

        if (trigger.Segment is { } segment && await segments.LatestAsync(segment, cancellationToken) is null)
        {
            errors.Add(new ScenarioError(trigger.Line, $"unknown segment '{segment}' (crm-esp segment list shows the saved ones)", "$.trigger.segment"));
        }

        foreach (var step in definition.Steps)
        {
            var at = ScenarioGraph.StepPath(definition, step);
            if (step.Kind == StepKind.Send && step.Template is { } name && !await templates.ExistsAsync(name, cancellationToken))
            {
                errors.Add(new ScenarioError(step.Line, $"step '{step.Id}': template '{name}' is not stored", $"{at}.send.template"));
            }

            if (step.Condition is { Kind: ConditionKind.InSegment, Segment: { } named } && await segments.LatestAsync(named, cancellationToken) is null)
            {
                errors.Add(new ScenarioError(step.Line, $"condition '{step.Id}': unknown segment '{named}' (crm-esp segment list shows the saved ones)", $"{at}.condition.segment"));
            }

            if (step.Kind is StepKind.MoveDeal or StepKind.Todo && !trigger.EnrollsDeals)
            {
                errors.Add(new ScenarioError(step.Line, $"step '{step.Id}': {(step.Kind == StepKind.MoveDeal ? "move_deal" : "todo")} needs a deal (this scenario's trigger enrolls contacts)", $"{at}.{(step.Kind == StepKind.MoveDeal ? "move_deal" : "todo")}"));
            }

            if (step is { Kind: StepKind.MoveDeal, Stage: { } target } && !stages.Any(s => s.StageId == target && (trigger.Pipeline is null || s.PipelineId == trigger.Pipeline)))
            {
                errors.Add(new ScenarioError(step.Line, trigger.Pipeline is { } p
                    ? $"step '{step.Id}': move_deal to unknown stage {target} in pipeline {p} (it has {string.Join(", ", stages.Where(s => s.PipelineId == p).Select(s => s.StageId))})"
                    : $"step '{step.Id}': move_deal to unknown stage {target}", $"{at}.move_deal"));
            }

            if (step.Condition is { Kind: ConditionKind.Stage } c)
            {
                errors.AddRange(c.Stages.Where(stage => !stages.Any(s => s.StageId == stage && (trigger.Pipeline is null || s.PipelineId == trigger.Pipeline)))
                    .Select(stage => new ScenarioError(step.Line, $"condition '{step.Id}': unknown stage {stage}", $"{at}.condition.stage")));
            }
        }

        return errors;
    }

    private static string Pipelines(List<StageRow> stages) =>
        stages.Count == 0 ? "no pipelines yet" : "pipelines " + string.Join(", ", stages.Select(s => s.PipelineId).Distinct());
}
