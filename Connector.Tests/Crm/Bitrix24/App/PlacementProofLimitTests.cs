using System.Net;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Placement;
using Connector.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>Forged AUTH_IDs for a real member_id cannot spend the portal's request budget: proofs per portal are limited.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class PlacementProofLimitTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Placement_ManyForgedAuthIds_ProofsStopAtTheBurstThen429(CancellationToken cancellationToken)
    {
        await using var rig = await InboundRig.StartAsync(null, cancellationToken);
        var portalId = await rig.Services.GetRequiredService<IMirrorWriter>().EnsurePortalAsync("member-1", "127.0.0.1:9", "oauth", cancellationToken);
        // The stored endpoint refuses connections: every proof fails fast, as a forged token would.
        await rig.Services.GetRequiredService<Bitrix24InstallStore>().SaveInstallAsync(portalId, "127.0.0.1:9", "app-token",
            new Bitrix24TokenSet("a", "r", DateTimeOffset.UtcNow.AddHours(1), new Uri("http://127.0.0.1:9/rest/"), null, "member-1", "crm"), cancellationToken);
        var authenticator = rig.Services.GetRequiredService<Bitrix24PlacementAuthenticator>();
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 2 * Bitrix24PlacementAuthenticator.ProofBurst; i++)
        {
            using var response = await http.PostAsync(new Uri(rig.Url, "b24/placement/CRM_DEAL_DETAIL_TAB"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["member_id"] = "member-1", ["AUTH_ID"] = $"forged-{i}",
            }), cancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(statuses, Has.None.EqualTo(HttpStatusCode.OK));
            Assert.That(authenticator.Proofs, Is.EqualTo(statuses.Count(s => s == HttpStatusCode.Unauthorized)));
            Assert.That(rig.ErrorsWithExceptions, Is.Empty);
        });
    }
}
