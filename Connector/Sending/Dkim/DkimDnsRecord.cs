namespace Connector.Sending.Dkim;

/// <summary>One DKIM public key record: <c>SELECTOR._domainkey.DOMAIN TXT VALUE</c>.</summary>
public sealed record DkimDnsRecord(string Selector, string Domain, string Value)
{
    public string Name => $"{Selector}._domainkey.{Domain}";

    public override string ToString() => $"{Name} TXT {Value}";
}
