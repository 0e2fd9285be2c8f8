namespace Connector.Segments;

/// <summary>Why an expression was refused: the 1-based column and what was expected there.</summary>
public sealed record SegmentError(int Column, string Message)
{
    public override string ToString() => $"column {Column}: {Message}";

    /// <summary>User text quoted in a message, capped so an error line stays one short line.</summary>
    public static string Capped(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
