namespace Connector.Segments.Ui;

/// <summary>One field the builder offers: its name in the language, type, whether it is a list, the operators it takes, the only values it holds (or null), and its meaning.</summary>
/// <remarks><c>Label</c> is a custom field's name as the portal gave it (null for the language's own fields and unnamed custom fields).</remarks>
public sealed record SegmentFieldView(string Name, string Scope, string Type, bool List, bool Custom, IReadOnlyList<string> Operators, IReadOnlyList<string>? Values, string Description, string? Label = null)
{
    public static SegmentFieldView From(SegmentField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new SegmentFieldView(field.Name, field.Scope == SegmentScope.Deal ? "deal" : "contact", field.Type.ToString().ToLowerInvariant(),
            field.Shape != SegmentFieldShape.Scalar, field.Shape == SegmentFieldShape.Custom, field.Operators.Select(SegmentText.Operator).ToList(), field.Values, field.Description);
    }
}
