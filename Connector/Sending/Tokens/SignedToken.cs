namespace Connector.Sending.Tokens;

/// <summary>A verified token's content: kind, message and recipient, and (for clicks) the target URL.</summary>
public sealed record SignedToken(TokenKind Kind, MessageRef Message, string? Url);
