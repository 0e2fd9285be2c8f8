namespace Connector.Sending.Hygiene;

/// <summary>
/// An import-time verdict on an address (normalised when the syntax was fine): rejected with a reason (<c>syntax</c>,
/// <c>null_mx</c>, <c>no_domain</c>), or usable, possibly flagged (<c>role</c>, <c>disposable</c>, <c>dns_unknown</c>).
/// </summary>
public sealed record AddressVerdict(string Address, bool Usable, string? Reason)
{
    public bool Flagged => Usable && Reason is "role" or "disposable";

    public static AddressVerdict Ok(string address, string? note = null) => new(address, true, note);

    public static AddressVerdict Reject(string address, string reason) => new(address, false, reason);
}
