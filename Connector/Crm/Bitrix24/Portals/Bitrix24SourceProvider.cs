using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Reading;
using Connector.Sync;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Portals;

/// <summary>
/// The portals to sync: the configured ones (incoming webhook, or the in-process sandbox; resolved lazily because a
/// sandbox URL is only known once a server listens) plus every app install whose status is active.
/// </summary>
public sealed class Bitrix24SourceProvider(
    Func<CancellationToken, Task<IReadOnlyList<Bitrix24Portal>>> configured,
    Bitrix24InstallStore installs,
    Func<IBitrix24Client> client,
    ILogger<Bitrix24CrmSource> logger) : ICrmSourceProvider
{
    private IReadOnlyList<Bitrix24Portal>? _configured;

    public async Task<IReadOnlyList<ICrmSource>> GetAllAsync(CancellationToken cancellationToken)
    {
        var portals = (await ConfiguredAsync(cancellationToken)).ToList();
        portals.AddRange((await installs.ListAsync(Bitrix24InstallStatus.Active, cancellationToken)).Select(i => i.ToPortal()));
        return portals.Select(Source).ToList();
    }

    public async Task<ICrmSource?> GetAsync(string portalKey, CancellationToken cancellationToken)
    {
        if ((await ConfiguredAsync(cancellationToken)).FirstOrDefault(p => p.Key == portalKey) is { } portal)
        {
            return Source(portal);
        }

        return await installs.GetAsync(portalKey, cancellationToken) is { IsActive: true } install ? Source(install.ToPortal()) : null;
    }

    private async Task<IReadOnlyList<Bitrix24Portal>> ConfiguredAsync(CancellationToken cancellationToken) =>
        _configured ??= await configured(cancellationToken);

    // A fresh client per pass: it is transient so its HttpClient handler rotates; the limits live in singletons.
    private Bitrix24CrmSource Source(Bitrix24Portal portal) => new(client(), portal, logger);
}
