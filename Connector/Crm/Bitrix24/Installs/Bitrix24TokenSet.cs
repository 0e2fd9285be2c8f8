namespace Connector.Crm.Bitrix24.Installs;

/// <summary>Tokens as the OAuth server (or an install) hands them out.</summary>
public sealed record Bitrix24TokenSet(
    string AccessToken,
    string RefreshToken,
    DateTimeOffset AccessExpiresAt,
    Uri ClientEndpoint,
    string? ServerEndpoint,
    string MemberId,
    string? Scope)
{
    public override string ToString() => $"tokens for {MemberId} until {AccessExpiresAt:O}";
}
