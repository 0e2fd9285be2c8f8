namespace Connector.Crm.Bitrix24;

public sealed record Bitrix24Options
{
    public const string Section = "Bitrix24";

    /// <summary>Incoming webhook, e.g. https://portal.bitrix24.ru/rest/1/abc123/ (a secret: never logged).</summary>
    public string? WebhookUrl { get; init; }
}
