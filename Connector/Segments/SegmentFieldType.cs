namespace Connector.Segments;

public enum SegmentFieldType
{
    Text,
    Number,
    Date,
}
