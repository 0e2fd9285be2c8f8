namespace Connector.Scenarios;

/// <summary>A CRM step the dispatcher carries out through <see cref="IScenarioCrm"/>: move the deal, or add a to-do.</summary>
public sealed record CrmStepAction(string Step, StepKind Kind, string? Stage, string? Title, string? Description, TimeSpan? Due)
{
    /// <summary>The step's idempotency key: one per step and enrollment, like a send key.</summary>
    public static string KeyFor(string step, long enrollmentId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"crm:{step}:enrollment:{enrollmentId}");
}
