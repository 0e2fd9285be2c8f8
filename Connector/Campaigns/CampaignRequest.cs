using Connector.Templates;

namespace Connector.Campaigns;

/// <summary>
/// One campaign send: a compiled template to the recipients of a file, or to mirrored CRM contacts
/// (<see cref="Contacts"/>; then <see cref="RecipientsFile"/> is null), at most once per (send key, recipient).
/// </summary>
public sealed record CampaignRequest(CompiledTemplate Template, string? RecipientsFile)
{
    /// <summary>Recipients from the mirror instead of a file.</summary>
    public CampaignContacts? Contacts { get; init; }

    /// <summary>Default <c>campaign:TEMPLATE-NAME</c> (with a deal, <c>campaign:TEMPLATE-NAME:deal:ID</c>).</summary>
    public string? SendKey { get; init; }

    /// <summary>What is not sent this long after enqueueing expires.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromDays(1);

    public int Workers { get; init; } = 1;

    /// <summary>Skip role accounts and disposable domains too (default: queue them and report them).</summary>
    public bool RejectFlagged { get; init; }
}
