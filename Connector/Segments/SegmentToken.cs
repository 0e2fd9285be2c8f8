namespace Connector.Segments;

/// <summary>One token of a segment expression; <see cref="Column"/> is 1-based, for error messages.</summary>
public readonly record struct SegmentToken(SegmentTokenKind Kind, string Text, int Column)
{
    public bool IsWord(string word) => Kind == SegmentTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SegmentTokenKind.Symbol && Text == symbol;

    public string Shown => Kind switch
    {
        SegmentTokenKind.End => "the end",
        SegmentTokenKind.Text => $"text \"{SegmentError.Capped(Text)}\"",
        _ => $"'{SegmentError.Capped(Text)}'",
    };
}
