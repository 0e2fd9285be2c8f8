namespace Connector.Domains;

/// <summary>
/// The names one check reads: the checked domain, the From address and domain (<c>Sender:FromAddress</c>), the DKIM
/// signing domain (<c>Dkim:Domain</c>, default the From domain), the key folder, the Return-Path domain
/// (<c>Bounces:Domain</c>, default <c>bounces.</c> + the From domain) and the relays (<c>Smtp:Host</c>, <c>Smtp:Transports:*:Host</c>).
/// The From domain defaults to the checked domain when <c>Sender:FromAddress</c> is not set.
/// </summary>
public sealed record DomainCheckNames
{
    public required string Domain { get; init; }

    public string? FromAddress { get; init; }

    public required string FromDomain { get; init; }

    public required string DkimDomain { get; init; }

    public required string KeyFolder { get; init; }

    public required string BounceDomain { get; init; }

    public IReadOnlyList<string> Relays { get; init; } = [];
}
