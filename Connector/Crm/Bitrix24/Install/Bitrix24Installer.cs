using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Sync;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// Installs the app for one portal (keyed by member_id): proves the tokens with the OAuth server (a form alone
/// proves nothing), stores them encrypted, reads the plan, binds the manifest's events and placements, creates the opt-out field, registers the app triggers and the robot, and starts
/// the portal's first full sync. Running it again for the same portal is harmless.
/// </summary>
public sealed class Bitrix24Installer(
    Bitrix24OAuthServer oauth, Bitrix24InstallStore installs, IMirrorWriter mirror, ISyncStateStore state, Bitrix24Binder binder,
    IBitrix24Client client, ISyncTrigger trigger, Automation.Bitrix24AutomationInstaller automation, ILogger<Bitrix24Installer> logger)
{
    public async Task<string?> InstallAsync(Bitrix24InstallRequest request, Bitrix24AppManifest manifest, Uri publicUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (tokens, error) = await oauth.RefreshAsync(request.RefreshToken, cancellationToken);
        if (tokens is null)
        {
            return $"the install tokens could not be verified with the OAuth server: {error}";
        }

        if (!string.Equals(tokens.MemberId, request.MemberId, StringComparison.Ordinal))
        {
            return "the install tokens belong to another portal than member_id";
        }

        var domain = tokens.ClientEndpoint.Authority;
        var portalId = await mirror.EnsurePortalAsync(request.MemberId, domain, "oauth", cancellationToken);
        await installs.SaveInstallAsync(portalId, domain, request.ApplicationToken, tokens, cancellationToken);
        var portal = new Bitrix24Portal(request.MemberId, tokens.ClientEndpoint, Bitrix24AuthMode.OAuth);
        await ReadPlanAsync(portal, cancellationToken);
        var (bound, failures) = await binder.BindAsync(portal, manifest, publicUrl, cancellationToken);
        await automation.InstallAsync(portal, manifest, publicUrl, cancellationToken);
        logger.LogInformation("Bitrix24 {Portal}: installed ({Mode}), {Bound} bindings{Failures}", request.MemberId,
            request.IsEvent ? "ONAPPINSTALL" : "installer page", bound, failures.Count == 0 ? "" : $", {failures.Count} failed");
        if (await state.GetCursorAsync(portalId, SyncCursorNames.Baseline, cancellationToken) is null)
        {
            await trigger.TriggerFullAsync(request.MemberId, cancellationToken);
        }

        return null;
    }

    private async Task ReadPlanAsync(Bitrix24Portal portal, CancellationToken cancellationToken)
    {
        var info = await client.CallAsync(portal, "app.info", [], idempotent: true, cancellationToken);
        if (info.IsSuccess)
        {
            var plan = Bitrix24PlanReader.FromAppInfo(info.Value.Result);
            client.SetPlan(portal, plan);
            await installs.SetPlanAsync(portal.Key, $"{plan.DrainPerSecond}/s burst {plan.Burst}", cancellationToken);
        }
    }
}
