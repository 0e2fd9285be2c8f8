namespace Connector.Scenarios;

/// <summary>
/// A scenario file read whole: every error found, each with its line, and the definition whenever its name, trigger and
/// steps could be read (even with errors, so the mirror's checks can add theirs); only an error-free one may be stored.
/// </summary>
public sealed record ScenarioReadResult(ScenarioDefinition? Definition, IReadOnlyList<ScenarioError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
