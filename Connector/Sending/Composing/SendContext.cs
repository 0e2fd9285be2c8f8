namespace Connector.Sending.Composing;

/// <summary>The send a message belongs to: its ledger id, stream and list (campaign or scenario) identity.</summary>
public sealed record SendContext(long SendId, MailKind Kind, string ListId, string ListName)
{
    /// <summary>The Message-ID to use (a ledger row's from its first attempt, in angle brackets or not); null = a new one.</summary>
    public string? MessageId { get; init; }

    /// <summary>The From address instead of <c>Sender:FromAddress</c> (a campaign's sender variant); it must be on the sending domain.</summary>
    public string? FromAddress { get; init; }

    /// <summary>The From display name instead of <c>Sender:FromName</c>.</summary>
    public string? FromName { get; init; }
}
