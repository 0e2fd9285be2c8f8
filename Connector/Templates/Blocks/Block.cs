namespace Connector.Templates.Blocks;

/// <summary>
/// One block of a letter: <c>header</c> (logo), <c>heading</c>, <c>text</c>, <c>image</c>, <c>button</c>, <c>columns</c>
/// (<see cref="Left"/>/<see cref="Right"/>), <c>divider</c>, <c>product</c>, <c>footer</c>. Text fields hold Liquid.
/// </summary>
public sealed record Block
{
    public required string Type { get; init; }

    public string? Text { get; init; }

    public string? Src { get; init; }

    public string? Alt { get; init; }

    public string? Href { get; init; }

    public string? Title { get; init; }

    public string? Price { get; init; }

    public string? Color { get; init; }

    public IReadOnlyList<Block>? Left { get; init; }

    public IReadOnlyList<Block>? Right { get; init; }
}
