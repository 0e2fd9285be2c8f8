namespace Connector.Templates;

/// <summary>One node of a <see cref="TemplateSchema"/>: a leaf value, an object with named children, or a list of elements.</summary>
public sealed class SchemaNode
{
    public static SchemaNode Leaf { get; } = new();

    /// <summary>Any member at any depth (<c>vars.*</c>: the caller's own values, unknown when the template is saved).</summary>
    public static SchemaNode Open { get; } = new();

    /// <summary>Lists answer <c>size</c>, <c>first</c>, <c>last</c> and indexes like Liquid arrays do.</summary>
    public SchemaNode? Element { get; private init; }

    public Dictionary<string, SchemaNode> Children { get; } = new(StringComparer.Ordinal);

    public static SchemaNode Record(IEnumerable<string> leaves)
    {
        var node = new SchemaNode();
        foreach (var leaf in leaves)
        {
            node.Children[leaf] = Leaf;
        }

        return node;
    }

    public static SchemaNode List(SchemaNode element) => new() { Element = element };

    /// <summary>The node at <paramref name="name"/> below this one, or null when the schema has no such member.</summary>
    public SchemaNode? Member(string name) =>
        ReferenceEquals(this, Open) ? Open
        : Element is { } element
            ? name is "first" or "last" ? element : name == "size" ? Leaf : null
            : ReferenceEquals(this, Leaf) ? (name is "size" ? Leaf : null) : Children.GetValueOrDefault(name);
}
