namespace Connector.Sending.Hygiene;

/// <summary>MX lookup as the validator needs it; tests replace it, production uses <see cref="DnsClientMxResolver"/>.</summary>
public interface IMxResolver
{
    Task<MxAnswer> ResolveAsync(string domain, CancellationToken cancellationToken);
}
