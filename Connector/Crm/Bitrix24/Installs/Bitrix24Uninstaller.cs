using Connector.Sync;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Installs;

/// <summary>
/// ONAPPUNINSTALL: the portal is deactivated and every piece of its work stops (no sync, no event processing,
/// tokens forgotten). Its mirror is kept for a later re-install, or purged when the admin asked to delete data (CLEAN=1).
/// </summary>
public sealed class Bitrix24Uninstaller(
    Bitrix24InstallStore installs, IMirrorWriter mirror, Automation.Bitrix24AutomationInstaller automation, ILogger<Bitrix24Uninstaller> logger)
{
    public async Task UninstallAsync(string memberId, bool clean, CancellationToken cancellationToken)
    {
        var install = await installs.GetAsync(memberId, cancellationToken);
        if (install is null)
        {
            return;
        }

        // The app triggers go with the app (manifest); tried while the tokens are still known, for at most a few
        // seconds: the portal may already refuse them, and the uninstall must not wait on it.
        if (install.IsActive)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await automation.UninstallAsync(install.ToPortal(), Install.Bitrix24AppManifest.Load(), bounded.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("Bitrix24 {Portal}: app triggers not deleted (no answer within 5 s)", memberId);
            }
        }

        await installs.SetStatusAsync(memberId, Bitrix24InstallStatus.Uninstalled, clean ? "uninstalled, data deleted" : "uninstalled, data kept", forgetTokens: true, cancellationToken);
        if (clean)
        {
            await mirror.PurgePortalAsync(install.PortalId, cancellationToken);
        }

        logger.LogInformation("Bitrix24 {Portal}: app uninstalled; mirror {Data}", memberId, clean ? "purged" : "kept");
    }
}
