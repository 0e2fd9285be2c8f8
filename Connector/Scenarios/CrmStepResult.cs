namespace Connector.Scenarios;

/// <summary>What a CRM call came to; <see cref="Detail"/> is the new id, the stage read back, or why it failed.</summary>
public sealed record CrmStepResult(CrmStepResultKind Kind, string? Detail = null)
{
    public static CrmStepResult Done(string? detail = null) => new(CrmStepResultKind.Done, detail);
}
