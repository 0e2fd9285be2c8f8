namespace Connector.Crm.Bitrix24.OAuth;

/// <summary>An answer of the OAuth server that is not a token (error-codes.md): invalid_grant, invalid_client, ...</summary>
public sealed record Bitrix24OAuthError(string Code, string Description, int? HttpStatus)
{
    public const string InvalidGrant = "invalid_grant";

    public bool IsInvalidGrant => string.Equals(Code, InvalidGrant, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Code}{(Description.Length == 0 ? "" : " — " + Description)}{(HttpStatus is { } s ? $" (HTTP {s})" : "")}";
}
