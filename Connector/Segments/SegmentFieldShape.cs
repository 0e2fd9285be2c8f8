namespace Connector.Segments;

/// <summary>
/// How a field holds its values: one column (<see cref="Scalar"/>), the contact's e-mail rows (<see cref="Emails"/>), or
/// a list in the custom_fields JSON (<see cref="Custom"/>). A list field matches when any of its values does.
/// </summary>
public enum SegmentFieldShape
{
    Scalar,
    Emails,
    Custom,
}
