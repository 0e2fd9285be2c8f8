using Connector.Crm.Bitrix24.Installs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Crm.Bitrix24.OAuth;

/// <summary>
/// A refresh token dies after 180 days unused (auto-renewal.md). Daily, installs idle longer than
/// <see cref="Bitrix24OAuthOptions.IdleRefreshAfter"/> are refreshed once; busy installs refresh on 401 only.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TokenKeepAliveJob(Bitrix24InstallStore installs, Bitrix24TokenRefresher refresher, IOptions<Bitrix24OAuthOptions> options, TimeProvider timeProvider, ILogger<TokenKeepAliveJob> logger) : IJob
{
    public static readonly JobKey Key = new("token-keep-alive", "bitrix24");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Token keep-alive failed");
        }
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var due = timeProvider.GetUtcNow() - options.Value.IdleRefreshAfter;
        var refreshed = 0;
        foreach (var install in await installs.ListAsync(Bitrix24InstallStatus.Active, cancellationToken))
        {
            if ((install.RefreshedAt ?? DateTimeOffset.MinValue) < due && await refresher.RefreshAsync(install.MemberId, null, cancellationToken))
            {
                refreshed++;
            }
        }

        return refreshed;
    }
}
