using Connector.Sending.Composing;

namespace Connector.Sending.Queue;

/// <summary>
/// One message to send from <c>serve</c>. The recipient is the contact's first valid e-mail when <see cref="ContactId"/>
/// is given and <see cref="Address"/> is not; <see cref="Variables"/> are extra Liquid values under <c>vars.*</c>.
/// </summary>
public sealed record QueuedLetter
{
    public required long PortalId { get; init; }

    /// <summary>Unique per send: <c>api:{key id}:{idempotency key}</c>, <c>step:{step}:enrollment:{id}</c>, …</summary>
    public required string SendKey { get; init; }

    /// <summary>A stored template's name (<c>crm-esp template save</c>).</summary>
    public required string TemplateName { get; init; }

    /// <summary>The template version to render; null = the latest at enqueue time (recorded, so a retry renders the same one).</summary>
    public int? TemplateVersion { get; init; }

    public MailKind Kind { get; init; } = MailKind.Transactional;

    public long? ContactId { get; init; }

    public string? Address { get; init; }

    public long? DealId { get; init; }

    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The campaign or scenario name shown on the CRM timeline and in reports; null = the template's name.</summary>
    public string? ListName { get; init; }

    /// <summary>Not sent before this time; null = now.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Expired (never sent) when not handed to SMTP within this time of <see cref="NotBefore"/>.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>The subject instead of the template's (a campaign's A/B subject variant); rendered with the same data. Null = the template's.</summary>
    public string? Subject { get; init; }

    /// <summary>The From address instead of <c>Sender:FromAddress</c> (a sender variant); on the sending domain, else the letter fails at compose.</summary>
    public string? FromAddress { get; init; }

    /// <summary>The From display name instead of <c>Sender:FromName</c>.</summary>
    public string? FromName { get; init; }

    /// <summary>
    /// The caller's fingerprint of the request (the API's Idempotency-Key check), stored with the letter. When the send
    /// key already holds a letter, the same fingerprint gets that row back whatever changed since (suppressions, the
    /// contact's address), a different one is refused as <see cref="QueuedLetterRefusals.Conflict"/>. Null: no such check.
    /// </summary>
    public string? RequestHash { get; init; }
}
