namespace Connector.Crm.Bitrix24;

/// <summary>
/// Where and how to reach one portal. <see cref="Key"/> is stable (member_id when known, else the webhook host)
/// and keys the limiter. In webhook mode <see cref="Endpoint"/> is the webhook base URL, which is itself a secret:
/// never log it — log <see cref="Key"/>.
/// </summary>
public sealed record Bitrix24Portal(string Key, Uri Endpoint, Bitrix24AuthMode AuthMode)
{
    public override string ToString() => Key;
}
