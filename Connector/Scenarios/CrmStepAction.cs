namespace Connector.Scenarios;

/// <summary>An outside step the dispatcher carries out: move the deal or add a to-do (<see cref="IScenarioCrm"/>), or POST a webhook (<see cref="IScenarioWebhook"/>).</summary>
public sealed record CrmStepAction(string Step, StepKind Kind, string? Stage, string? Title, string? Description, TimeSpan? Due, string? Url = null)
{
    /// <summary>The step's idempotency key: one per step and enrollment, like a send key (a webhook's receiver gets it as webhook-id).</summary>
    public string Key(long enrollmentId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Kind == StepKind.Webhook ? "hook" : "crm")}:{Step}:enrollment:{enrollmentId}");
}
