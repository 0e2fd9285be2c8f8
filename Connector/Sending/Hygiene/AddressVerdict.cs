namespace Connector.Sending.Hygiene;

/// <summary>An import-time verdict on an address: usable or not, and why (<c>syntax</c>, <c>role</c>, <c>disposable</c>,
/// <c>null_mx</c>, <c>no_domain</c>); <c>dns_unknown</c> keeps the address (a DNS failure is not the address's fault).</summary>
public sealed record AddressVerdict(string Address, bool Usable, string? Reason)
{
    public static AddressVerdict Ok(string address, string? note = null) => new(address, true, note);

    public static AddressVerdict Reject(string address, string reason) => new(address, false, reason);
}
