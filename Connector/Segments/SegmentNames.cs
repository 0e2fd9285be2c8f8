namespace Connector.Segments;

/// <summary>What a saved segment may be called, for the CLI and the page alike: 1 to 100 letters, digits, spaces, '.', '_' or '-'.</summary>
public static class SegmentNames
{
    public const string Rule = "a name is 1 to 100 letters, digits, spaces, '.', '_' or '-'";

    public static bool IsValid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 0 and <= 100 && name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '_' or '-');
    }
}
