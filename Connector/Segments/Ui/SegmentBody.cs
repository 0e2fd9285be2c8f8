namespace Connector.Segments.Ui;

/// <summary>What the Segments page sends: an expression, a saved segment's name, or both (create, edit, rename, export).</summary>
public sealed record SegmentBody
{
    public string? Name { get; init; }

    public string? Expression { get; init; }
}
