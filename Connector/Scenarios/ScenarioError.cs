namespace Connector.Scenarios;

/// <summary>
/// One problem of a scenario file, at its 1-based line, and where known the path of the node it is about
/// (<c>$.steps[2].send.template</c>, <c>$.trigger.stage</c>), so an editor can show it at its step and field.
/// </summary>
public sealed record ScenarioError(int Line, string Message, string? Path = null)
{
    public string Format(string file) => $"{file}:{Line}: {Message}";
}
