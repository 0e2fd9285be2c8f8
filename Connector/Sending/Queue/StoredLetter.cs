namespace Connector.Sending.Queue;

/// <summary>A <c>queued_letters</c> row with its ledger row's send key and recipient (nominal, for Dapper).</summary>
public sealed record StoredLetter
{
    public long LedgerId { get; init; }

    public long PortalId { get; init; }

    public string SendKey { get; init; } = "";

    public string Recipient { get; init; } = "";

    public string TemplateName { get; init; } = "";

    public long TemplateVersion { get; init; }

    public long? DealId { get; init; }

    /// <summary>A JSON object of strings (the caller's variables, under <c>vars</c> in the template).</summary>
    public string Variables { get; init; } = "{}";

    public string ListName { get; init; } = "";

    public string? RequestHash { get; init; }

    /// <summary>The letter's subject instead of the template's (0023), a Liquid text rendered with the letter's data; null = the template's.</summary>
    public string? Subject { get; init; }

    /// <summary>The letter's own From address and name (0023), null = the configured sender's.</summary>
    public string? FromAddress { get; init; }

    public string? FromName { get; init; }

    public string CreatedAt { get; init; } = "";
}
