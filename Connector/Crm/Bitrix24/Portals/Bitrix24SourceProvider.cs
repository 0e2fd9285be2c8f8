using Connector.Crm.Bitrix24.Reading;
using Connector.Sync;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Portals;

/// <summary>
/// The portal to sync: the configured webhook, or the built-in sandbox when none is configured
/// (its URL is only known once a server is listening, hence the lazy resolver).
/// </summary>
public sealed class Bitrix24SourceProvider(
    Func<CancellationToken, Task<Bitrix24Portal>> resolve,
    Func<IBitrix24Client> client,
    ILogger<Bitrix24CrmSource> logger) : ICrmSourceProvider
{
    private Bitrix24Portal? _portal;

    public async Task<ICrmSource> GetAsync(CancellationToken cancellationToken)
    {
        _portal ??= await resolve(cancellationToken);
        // A fresh client per pass: it is transient so its HttpClient handler rotates; the limits live in singletons.
        return new Bitrix24CrmSource(client(), _portal, logger);
    }
}
