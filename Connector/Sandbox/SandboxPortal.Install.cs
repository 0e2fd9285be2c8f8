using Connector.Sandbox.Events;
using Connector.Sandbox.OAuth;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    private static readonly TimeSpan InstallerPageTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Installs the app: mints a token pair and (unless one survives from an earlier install without uninstall) an
    /// application_token, then POSTs form-urlencoded to <paramref name="installUrl"/> as the chosen mode prescribes.
    /// </summary>
    public async Task<SandboxInstallResult> InstallAsync(Uri installUrl, SandboxInstallMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installUrl);
        Uri target;
        List<KeyValuePair<string, string>> form;
        SandboxTokenGrant grant;
        string applicationToken;
        lock (_lock)
        {
            grant = _tokens.Issue();
            applicationToken = _applicationToken ??= SandboxTokenStore.NewHex();
            (target, form) = mode == SandboxInstallMode.InstallerPage
                ? InstallerPageRequest(installUrl, grant, applicationToken)
                : (installUrl, InstallEventForm(grant, applicationToken));
        }

        var timeout = mode == SandboxInstallMode.InstallerPage ? InstallerPageTimeout : TimeSpan.FromSeconds(Options.EventTimeoutSeconds);
        var (status, body) = await PostFormAsync(target, form, timeout, cancellationToken);

        // The real installer page runs in the admin's browser and calls BX24.installFinish() there; the sandbox has no
        // browser, so it takes the call appearing in the returned HTML as the finish (installation-finish.md).
        var installed = mode == SandboxInstallMode.InstallerPage
            ? status == 200 && body.Contains("BX24.installFinish(", StringComparison.Ordinal)
            : status is >= 200 and < 300;
        if (installed)
        {
            lock (_lock)
            {
                _installed = true;
            }
        }

        return new SandboxInstallResult(status, body, installed, grant.AccessToken, grant.RefreshToken, applicationToken);
    }

    /// <summary>
    /// Uninstalls (settings/app-uninstallation.md): ONAPPUNINSTALL goes to its bound handlers with only the five
    /// endpoint/identity auth keys (on-app-uninstall.md), then all event handlers and widgets are removed and every
    /// token is revoked; a later install gets a new application_token.
    /// </summary>
    public async Task UninstallAsync(bool clean, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_applicationToken is { } applicationToken)
            {
                // on-app-uninstall.md prints the event as "ONAPPSUNINSTALL"; the bound (and sent) name is ONAPPUNINSTALL.
                var ts = Unix(_timeProvider.GetUtcNow());
                foreach (var binding in _eventBindings.Where(b => string.Equals(b.Event, SandboxEventNames.AppUninstall, StringComparison.OrdinalIgnoreCase)))
                {
                    Queue(binding.Handler, Envelope(
                        SandboxEventNames.AppUninstall,
                        binding.Id,
                        [new("data[LANGUAGE_ID]", LanguageId), new("data[CLEAN]", clean ? "1" : "0")],
                        ts,
                        EndpointAuth(applicationToken)));
                }
            }

            _eventBindings.Clear();
            _placements.Clear();

            // The app's triggers go with it, as its robots do (bizproc-robot-delete.md); for triggers the docs say
            // nothing (bitrix24-automation.md, open point 10), so the sandbox assumes the same.
            _triggers.Clear();
            _robots.Clear();
            _tokens.RevokeAll();
            _eventToken = null;
            _installed = false;
            _applicationToken = null;
        }

        await DrainEventsAsync(cancellationToken);
    }

    // installation-master.md: DOMAIN, PROTOCOL (0 = http), LANG, APP_SID in the query, the rest in the body.
    private (Uri Target, List<KeyValuePair<string, string>> Form) InstallerPageRequest(Uri installUrl, SandboxTokenGrant grant, string applicationToken)
    {
        var query = $"DOMAIN={Uri.EscapeDataString(DomainCore)}&PROTOCOL={(ClientEndpointCore.Scheme == Uri.UriSchemeHttps ? "1" : "0")}&LANG={LanguageId}&APP_SID={SandboxTokenStore.NewHex()}";
        var builder = new UriBuilder(installUrl);
        builder.Query = string.IsNullOrEmpty(builder.Query) ? query : builder.Query.TrimStart('?') + "&" + query;
        List<KeyValuePair<string, string>> form =
        [
            new("AUTH_ID", grant.AccessToken),
            new("AUTH_EXPIRES", Text(grant.ExpiresIn)),
            new("REFRESH_ID", grant.RefreshToken),
            new("SERVER_ENDPOINT", ServerEndpointCore),
            new("APPLICATION_TOKEN", applicationToken),
            new("APPLICATION_SCOPE", Scope),
            new("member_id", Options.MemberId),
            new("status", AppStatus),
            new("PLACEMENT", "DEFAULT"),
            new("PLACEMENT_OPTIONS", "{}"),
        ];
        return (builder.Uri, form);
    }

    // on-app-install.md plus auth[expires] and auth[user_id] from the PHP SDK's fixtures; the only event with refresh_token.
    private List<KeyValuePair<string, string>> InstallEventForm(SandboxTokenGrant grant, string applicationToken) =>
        Envelope(
            SandboxEventNames.AppInstall,
            0,
            [new("data[VERSION]", "1"), new("data[ACTIVE]", "Y"), new("data[INSTALLED]", "Y"), new("data[LANGUAGE_ID]", LanguageId)],
            Unix(_timeProvider.GetUtcNow()),
            [
                new("access_token", grant.AccessToken),
                new("expires", Unix(grant.ExpiresAt)),
                new("expires_in", Text(grant.ExpiresIn)),
                new("scope", Scope),
                new("domain", DomainCore),
                new("server_endpoint", ServerEndpointCore),
                new("status", AppStatus),
                new("client_endpoint", ClientEndpointCore.ToString()),
                new("member_id", Options.MemberId),
                new("user_id", Text(Options.WebhookUserId)),
                new("refresh_token", grant.RefreshToken),
                new("application_token", applicationToken),
            ]).Where(p => p.Key != "event_handler_id").ToList();

    private async Task<(int Status, string Body)> PostFormAsync(Uri target, List<KeyValuePair<string, string>> form, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await _http.PostAsync(target, content, timeoutSource.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeoutSource.Token));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, ex.Message);
        }
    }
}
