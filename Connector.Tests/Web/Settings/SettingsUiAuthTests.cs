using System.Text.RegularExpressions;
using Connector.Tests.Api;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Web.Settings;

/// <summary>
/// Every <c>/api/ui/settings</c> route, found in the app's endpoints (so a route added later is covered too): 401
/// without a session token, 403 for a viewer who is not a portal admin and for a card tab's token, never a 500.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed partial class SettingsUiAuthTests
{
    [Test]
    public async Task EverySettingsRoute_Is401WithoutToken_403ForANonAdminOrATab(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);
        var tokens = rig.Services.GetRequiredService<UiSessionTokens>();
        var manager = tokens.Issue(new UiCaller(1, ApiRig.PortalA, 7, IsAdmin: false, "ru", UiPlacement.App, null, DateTimeOffset.UtcNow.AddMinutes(30))).Token;
        var tab = tokens.Issue(new UiCaller(1, ApiRig.PortalA, 1, IsAdmin: true, "ru", UiPlacement.DealTab, 5, DateTimeOffset.UtcNow.AddMinutes(30))).Token;
        var routes = rig.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/ui/settings", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Path: Parameter().Replace(e.RoutePattern.RawText!, "x@example.com"))))
            .ToList();

        var failures = new List<string>();
        foreach (var (method, path) in routes)
        {
            var relative = path["/api/ui/settings/".Length..];
            var body = method is "POST" or "PUT" or "PATCH" ? "{}" : null;
            var none = await SettingsClient.SendAsync(rig.Url, new HttpMethod(method), relative, null, body, cancellationToken: cancellationToken);
            var refused = await SettingsClient.SendAsync(rig.Url, new HttpMethod(method), relative, manager, body, cancellationToken: cancellationToken);
            var fromTab = await SettingsClient.SendAsync(rig.Url, new HttpMethod(method), relative, tab, body, cancellationToken: cancellationToken);
            if (none.Status != 401 || refused.Status != 403 || fromTab.Status != 403 || SettingsClient.Field(refused.Json) != "Authorization")
            {
                failures.Add($"{method} {path}: {none.Status}/{refused.Status}/{fromTab.Status} {refused.Text}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(routes, Has.Count.GreaterThanOrEqualTo(5), "the settings routes were found");
            Assert.That(failures, Is.Empty);
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
