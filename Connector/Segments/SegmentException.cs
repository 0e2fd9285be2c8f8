namespace Connector.Segments;

/// <summary>Thrown inside the lexer and parser only, caught at their entry and returned as a <see cref="SegmentError"/>.</summary>
internal sealed class SegmentException(SegmentError error) : Exception(error.ToString())
{
    public SegmentError Error { get; } = error;
}
