namespace Connector.Scenarios.Ui;

/// <summary>A stage of a pipeline: its code (what a file names), its name (what a user reads) and semantics (S won, F lost, else open).</summary>
public sealed record StageOption(string Id, string Name, string Semantic);
