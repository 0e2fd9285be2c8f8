namespace Connector.Segments;

public enum SegmentOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    StartsWith,
    In,
    NotIn,
    IsEmpty,
    IsNotEmpty,
}
