namespace Connector.Sandbox.Listing;

public enum SandboxFilterOp
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    In,
    NotIn,
    Like,
    NotLike,
}
