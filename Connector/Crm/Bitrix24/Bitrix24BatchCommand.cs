namespace Connector.Crm.Bitrix24;

/// <summary>
/// One <c>cmd</c> entry of a batch: <c>Key</c> → <c>method?query</c>. <see cref="Query"/> is already in PHP bracket
/// notation and URL-encoded (<c>filter%5B%3EID%5D=...</c> or plain <c>filter[&gt;ID]=...</c>); it may contain
/// <c>$result[key][49][ID]</c> references to earlier commands of the same batch, which must be left unencoded.
/// </summary>
public sealed record Bitrix24BatchCommand(string Key, string Method, string Query)
{
    public string ToCommandString() => Query.Length == 0 ? Method : $"{Method}?{Query}";
}
