namespace Connector.Sending.Tokens;

/// <summary>What a signed token is for; part of the signed bytes, so a click token cannot be replayed as an unsubscribe.</summary>
public enum TokenKind : byte
{
    Bounce = (byte)'b',
    Click = (byte)'c',
    Open = (byte)'o',
    Unsubscribe = (byte)'u',
}
