using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>POST /b24/install is rate-limited per client: each unauthenticated attempt costs an OAuth call.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class InstallRateLimitTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Install_MoreAttemptsThanTheLimitFromOneClient_429(CancellationToken cancellationToken)
    {
        await using var rig = await InboundRig.StartAsync(new Dictionary<string, string?> { ["App:InstallRateLimit:PermitLimit"] = "3" }, cancellationToken);
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostAsync(new Uri(rig.Url, "b24/install"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["event"] = "ONAPPINSTALL", ["auth[member_id]"] = "m1", ["auth[access_token]"] = "a", ["auth[refresh_token]"] = "r", ["auth[application_token]"] = "t",
            }), cancellationToken);
            statuses.Add(response.StatusCode);
        }

        // The first three reach the (unreachable) OAuth server and fail verification; the rest never cost a call.
        Assert.That(statuses, Is.EqualTo(new[]
        {
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests,
        }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Install_ServeHostOverTheLimit_429AndNoOAuthCall(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync(settings: new Dictionary<string, string?> { ["App:InstallRateLimit:PermitLimit"] = "1" });

        var first = await rig.InstallAsync();
        var refreshes = rig.Portal.Portal.Stats.TokenRefreshes;
        var second = await rig.Portal.Portal.InstallAsync(new Uri(rig.Connector, "b24/install"), SandboxInstallMode.InstallEvent, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(200));
            Assert.That(second.StatusCode, Is.EqualTo((int)HttpStatusCode.TooManyRequests));
            Assert.That(rig.Portal.Portal.Stats.TokenRefreshes, Is.EqualTo(refreshes));
        });
    }
}
