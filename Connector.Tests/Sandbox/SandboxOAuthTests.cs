using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxOAuthTests
{
    [Test]
    public async Task OAuthRest_ValidToken_ServesMethodLikeWebhook()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();

        var (status, body) = await rig.CallAsync("crm.contact.list.json", new { select = new[] { "ID" } }, install.AccessToken);
        var (infoStatus, info) = await rig.CallAsync("app.info", new { }, install.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(infoStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(info["result"]!["INSTALLED"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task OAuthRest_TokenInQueryString_IsAccepted()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();

        using var response = await rig.Http.GetAsync(new Uri(rig.Portal.ClientEndpoint, $"crm.contact.get?id=1&auth={install.AccessToken}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, "NO_AUTH_FOUND")]
    [TestCase("0123456789abcdef0123456789abcdef", "invalid_token")]
    public async Task OAuthRest_MissingOrUnknownToken_Returns401(string? token, string code)
    {
        await using var rig = await SandboxAppRig.StartAsync();
        await rig.InstallAsync();

        var (status, body) = await rig.CallAsync("crm.contact.list", new { }, token);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo(code));
        });
    }

    [Test]
    public async Task OAuthRest_TokenOlderThanLifetime_ReturnsExpiredToken()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        rig.Sandbox.Time.Advance(TimeSpan.FromSeconds(3600));

        var (status, body) = await rig.CallAsync("crm.contact.list", new { }, install.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("expired_token"));
            Assert.That(body["error_description"]!.GetValue<string>(), Is.EqualTo("The access token provided has expired."));
        });
    }

    [Test]
    public async Task Refresh_ValidRefreshToken_RotatesAndOldOneGetsInvalidGrant()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        rig.Portal.ExpireAccessTokens();

        var (status, token) = await rig.RefreshAsync(install.RefreshToken);
        var (again, error) = await rig.RefreshAsync(install.RefreshToken);
        var (callStatus, _) = await rig.CallAsync("crm.contact.list", new { }, token["access_token"]!.GetValue<string>());

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(token.Select(p => p.Key), Is.EquivalentTo(new[]
            {
                "access_token", "client_endpoint", "domain", "expires", "expires_in", "member_id", "refresh_token", "scope",
                "server_endpoint", "status", "user_id",
            }));
            Assert.That(token["domain"]!.GetValue<string>(), Is.EqualTo("oauth.bitrix.info"));
            Assert.That(token["client_endpoint"]!.GetValue<string>(), Is.EqualTo(rig.Sandbox.Host.ClientEndpoint.ToString()));
            Assert.That(token["server_endpoint"]!.GetValue<string>(), Is.EqualTo($"{rig.Sandbox.Host.OAuthServer}/rest/"));
            Assert.That(token["member_id"]!.GetValue<string>(), Is.EqualTo(rig.Portal.Options.MemberId).And.Length.EqualTo(32));
            Assert.That(token["refresh_token"]!.GetValue<string>(), Is.Not.EqualTo(install.RefreshToken));
            Assert.That(again, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("invalid_grant"));
            Assert.That(callStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rig.Portal.Stats.TokenRefreshes, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Refresh_WrongClientSecret_ReturnsInvalidClient()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();

        var (status, error) = await rig.RefreshAsync(install.RefreshToken, clientSecret: "wrong");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("invalid_client"));
        });
    }

    [Test]
    public async Task Refresh_AfterRevokeRefreshTokens_ReturnsInvalidGrant()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        rig.Portal.RevokeRefreshTokens();

        var (_, error) = await rig.RefreshAsync(install.RefreshToken);

        Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task ChangeDomain_OldBase_Answers302WithNewLocation()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        var oldBase = rig.Portal.ClientEndpoint;
        rig.Portal.ChangeDomain();

        using var redirect = await rig.Http.GetAsync(new Uri(oldBase, $"crm.contact.get?id=1&auth={install.AccessToken}"));
        var location = redirect.Headers.Location!;
        using var followed = await rig.Http.GetAsync(location);
        var (_, token) = await rig.RefreshAsync(install.RefreshToken);

        Assert.Multiple(() =>
        {
            Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(location.IsAbsoluteUri, Is.True);
            Assert.That(location.ToString(), Is.EqualTo($"{rig.Sandbox.Host.BaseUrl}sandbox/moved/rest/crm.contact.get?id=1&auth={install.AccessToken}"));
            Assert.That(followed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(token["client_endpoint"]!.GetValue<string>(), Is.EqualTo($"{rig.Sandbox.Host.BaseUrl}sandbox/moved/rest/"));
        });
    }
}
