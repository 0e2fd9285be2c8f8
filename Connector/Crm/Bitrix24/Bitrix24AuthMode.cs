namespace Connector.Crm.Bitrix24;

public enum Bitrix24AuthMode
{
    /// <summary>Incoming webhook: the secret is part of <see cref="Bitrix24Portal.Endpoint"/>.</summary>
    Webhook,

    /// <summary>OAuth application (marketplace or local app); tokens come from the portal store (next issue).</summary>
    OAuth,
}
