namespace Connector.Sending.Hygiene;

/// <summary>What DNS says about a domain's mail: exchangers (or a null MX, RFC 7505), none at all, or no answer.</summary>
public enum MxAnswer
{
    HasMail,
    NullMx,
    NoDomain,
    Unknown,
}
