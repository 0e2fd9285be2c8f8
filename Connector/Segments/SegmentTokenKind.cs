namespace Connector.Segments;

public enum SegmentTokenKind
{
    Word,
    Text,
    Number,
    Date,
    Symbol,
    End,
}
