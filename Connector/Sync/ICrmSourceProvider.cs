namespace Connector.Sync;

/// <summary>Resolves the CRM source to sync (the portal may only be known once the web host has started).</summary>
public interface ICrmSourceProvider
{
    Task<ICrmSource> GetAsync(CancellationToken cancellationToken);
}
