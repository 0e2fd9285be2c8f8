namespace Connector.Bounces;

/// <summary>
/// One classified bounce or complaint for one recipient, with the ledger row it belongs to: null when nothing matched;
/// only a matched notice (a signed VERP or unsubscribe token, or an envelope id whose row names this very recipient)
/// can suppress an address, so a forged report suppresses nobody.
/// </summary>
public sealed record BounceNotice(BounceKind Kind, string Recipient, string? Status, string? Detail, long? LedgerId);
