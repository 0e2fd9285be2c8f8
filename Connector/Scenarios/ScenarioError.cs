namespace Connector.Scenarios;

/// <summary>One problem of a scenario file, at its 1-based line.</summary>
public sealed record ScenarioError(int Line, string Message)
{
    public string Format(string file) => $"{file}:{Line}: {Message}";
}
