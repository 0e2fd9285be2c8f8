namespace Connector.Reports.Ui;

/// <summary>A stored template version a letter was rendered from (version null: the latest; nominal for Dapper).</summary>
public sealed record LetterRef
{
    public string Name { get; init; } = "";

    public long? Version { get; init; }
}
