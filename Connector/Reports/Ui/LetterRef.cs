namespace Connector.Reports.Ui;

/// <summary>A stored template version a letter was rendered from (version null: the latest) and its variables (nominal for Dapper).</summary>
public sealed record LetterRef
{
    public string Name { get; init; } = "";

    public long? Version { get; init; }

    /// <summary>The letter's variables (a JSON object of strings); only their names are shown, never the values.</summary>
    public string? Variables { get; init; }
}
