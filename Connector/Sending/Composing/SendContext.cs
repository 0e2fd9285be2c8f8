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

    /// <summary>The open pixel (<c>Tracking:Opens</c>, or the portal's own switch); false: the letter carries none.</summary>
    public bool TrackOpens { get; init; } = true;

    /// <summary>Links rewritten through <c>/t/c/</c> (<c>Tracking:Clicks</c>, or the portal's own switch); false: links stay as written.</summary>
    public bool TrackClicks { get; init; } = true;
}
