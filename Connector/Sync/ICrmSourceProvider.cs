namespace Connector.Sync;

/// <summary>The CRM portals to keep mirrored: a configured webhook and every active app install.</summary>
public interface ICrmSourceProvider
{
    Task<IReadOnlyList<ICrmSource>> GetAllAsync(CancellationToken cancellationToken);

    Task<ICrmSource?> GetAsync(string portalKey, CancellationToken cancellationToken);
}
