namespace Connector.Sandbox.OAuth;

/// <summary>One issued token pair: the access token, its expiry and the refresh token minted with it.</summary>
public sealed record SandboxTokenGrant(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, int ExpiresIn);
