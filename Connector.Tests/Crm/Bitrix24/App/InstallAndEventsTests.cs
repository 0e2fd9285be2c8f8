using System.Net;
using Connector.Crm.Bitrix24.Installs;
using Connector.Sandbox;

namespace Connector.Tests.Crm.Bitrix24.App;

[NonParallelizable]
[CancelAfter(120_000)]
public sealed class InstallAndEventsTests
{
    [Test]
    public async Task Install_EventFlow_StoresBindsSyncsAndMirrorsAMoveFromItsEvent()
    {
        await using var rig = await AppRig.StartAsync();

        var result = await rig.InstallAsync();
        var install = await rig.Installs.GetAsync(rig.Portal.Portal.Options.MemberId, TestContext.CurrentContext.CancellationToken);
        var synced = await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var deal = rig.Portal.Portal.Deals.First(d => d.StageSemanticId == "P");
        var target = rig.Portal.Portal.Stages.First(s => s.CategoryId == deal.CategoryId && s.StatusId != deal.StageId && s.Semantics == "process").StatusId;
        rig.Portal.Portal.MoveDeal(deal.Id, target);
        await rig.Portal.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var moved = await AppRig.EventuallyAsync(async () => (await rig.TransitionsAsync(deal.Id)).Count == 1);

        var transitions = await rig.TransitionsAsync(deal.Id);
        Assert.Multiple(() =>
        {
            Assert.That(result.StatusCode, Is.EqualTo(200));
            Assert.That(rig.Portal.Portal.Installed, Is.True);
            Assert.That(install?.Status, Is.EqualTo(Bitrix24InstallStatus.Active));
            Assert.That(rig.Portal.Portal.EventBindings.Select(b => b.Event), Is.SupersetOf(new[] { "ONCRMDEALUPDATE", "ONCRMDEALMOVETOCATEGORY", "ONCRMCONTACTDELETE", "ONAPPUNINSTALL" }));
            Assert.That(rig.Portal.Portal.EventBindings.Select(b => b.Handler.AbsoluteUri).Distinct(), Is.EqualTo(new[] { new Uri(rig.Connector, "b24/events").AbsoluteUri }));
            Assert.That(rig.Portal.Portal.Placements.Select(p => p.Placement), Is.EquivalentTo(new[] { "CRM_CONTACT_DETAIL_TAB", "CRM_DEAL_DETAIL_TAB", "LEFT_MENU" }));
            Assert.That(synced, Is.True, "the first install starts a full sync at once");
            Assert.That(moved, Is.True);
            Assert.That(transitions.Select(t => (t.FromStage, t.ToStage, t.DetectedBy)), Is.EqualTo(new[] { ((string?)deal.StageId, target, "event") }));
        });
    }

    [Test]
    public async Task Install_InstallerPageTwice_FinishesAndStaysOneActiveInstall()
    {
        await using var rig = await AppRig.StartAsync();

        var first = await rig.InstallAsync(mode: SandboxInstallMode.InstallerPage);
        var second = await rig.InstallAsync(mode: SandboxInstallMode.InstallerPage);

        var active = await rig.Installs.ListAsync(Bitrix24InstallStatus.Active, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(first.Body, Does.Contain("BX24.installFinish("));
            Assert.That(first.Installed && second.Installed, Is.True);
            Assert.That(active, Has.Count.EqualTo(1));
            Assert.That(rig.Portal.Portal.EventBindings, Has.Count.EqualTo(8), "re-binding is idempotent");
        });
    }

    [Test]
    public async Task Install_TokensTheOAuthServerDoesNotKnow_Refused()
    {
        await using var rig = await AppRig.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri(rig.Connector, "b24/install"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "ONAPPINSTALL", ["auth[member_id]"] = rig.Portal.Portal.Options.MemberId, ["auth[access_token]"] = "forged",
            ["auth[refresh_token]"] = "forged", ["auth[application_token]"] = "forged", ["auth[domain]"] = "evil.example",
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await rig.Installs.GetAsync(rig.Portal.Portal.Options.MemberId, TestContext.CurrentContext.CancellationToken), Is.Null);
        });
    }

    [TestCase("forged-token", HttpStatusCode.Unauthorized)]
    [TestCase("", HttpStatusCode.Unauthorized)]
    public async Task Events_BadApplicationToken_RejectedAndNothingStored(string token, HttpStatusCode expected)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();

        var response = await PostEventAsync(rig, rig.Portal.Portal.Options.MemberId, token, "ONCRMDEALUPDATE", "5");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(await PendingAsync(rig), Is.Zero);
        });
    }

    [Test]
    public async Task Events_UnknownMemberOrStaleTokenAfterUninstall_Rejected()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        var token = rig.Portal.Portal.ApplicationToken!;

        var unknown = await PostEventAsync(rig, "00000000000000000000000000000000", token, "ONCRMDEALUPDATE", "5");
        await rig.Portal.Portal.UninstallAsync(clean: false, TestContext.CurrentContext.CancellationToken);
        var stale = await PostEventAsync(rig, rig.Portal.Portal.Options.MemberId, token, "ONCRMDEALUPDATE", "5");

        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Events_MalformedOrHugeBodies_400Or413AndNothingStored()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        var member = rig.Portal.Portal.Options.MemberId;
        var token = rig.Portal.Portal.ApplicationToken!;
        using var http = new HttpClient();
        var url = new Uri(rig.Connector, "b24/events");

        var json = await http.PostAsync(url, new StringContent("{\"event\":\"ONCRMDEALUPDATE\"}", System.Text.Encoding.UTF8, "application/json"));
        var badId = await PostEventAsync(rig, member, token, "ONCRMDEALUPDATE", "abc");
        var noEvent = await PostEventAsync(rig, member, token, "", "5");
        var huge = await http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = "ONCRMDEALUPDATE", ["data[FIELDS][ID]"] = "5", ["auth[member_id]"] = member, ["auth[application_token]"] = token,
            ["padding"] = new string('x', 1024 * 1024),
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(badId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noEvent.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await PendingAsync(rig), Is.Zero);
        });
    }

    [Test]
    public async Task Events_DuplicateAndOutOfOrder_MirrorEndsAtTheCurrentStageWithOneTransition()
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        await AppRig.EventuallyAsync(() => rig.BaselineAsync());
        var deal = rig.Portal.Portal.Deals.First(d => d.StageSemanticId == "P");
        var target = rig.Portal.Portal.Stages.First(s => s.CategoryId == deal.CategoryId && s.StatusId != deal.StageId && s.Semantics == "process").StatusId;
        rig.Portal.Portal.MoveDeal(deal.Id, target);
        await rig.Portal.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);

        // The same event again and a stale ONCRMDEALUPDATE arriving late: both only make the connector read the deal again.
        var id = deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PostEventAsync(rig, rig.Portal.Portal.Options.MemberId, rig.Portal.Portal.ApplicationToken!, "ONCRMDEALUPDATE", id);
        await PostEventAsync(rig, rig.Portal.Portal.Options.MemberId, rig.Portal.Portal.ApplicationToken!, "ONCRMDEALUPDATE", id);
        await AppRig.EventuallyAsync(async () => await PendingAsync(rig) == 0);

        var transitions = await rig.TransitionsAsync(deal.Id);
        var mirrored = await rig.Mirror.DealsAsync(await rig.PortalIdAsync(), TestContext.CurrentContext.CancellationToken).FirstAsync(d => d.Id == deal.Id);
        Assert.Multiple(() =>
        {
            Assert.That(mirrored.StageId, Is.EqualTo(target));
            Assert.That(transitions, Has.Count.EqualTo(1));
        });
    }

    internal static async Task<HttpResponseMessage> PostEventAsync(AppRig rig, string member, string token, string name, string id)
    {
        using var http = new HttpClient();
        return await http.PostAsync(new Uri(rig.Connector, "b24/events"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["event"] = name, ["event_handler_id"] = "1", ["data[FIELDS][ID]"] = id, ["ts"] = "1736405807",
            ["auth[domain]"] = "portal.example", ["auth[member_id]"] = member, ["auth[application_token]"] = token,
        }));
    }

    internal static async Task<int> PendingAsync(AppRig rig)
    {
        var inbox = rig.View.GetService(typeof(global::Connector.Sync.IChangeInbox)) as global::Connector.Sync.IChangeInbox;
        var portals = await inbox!.PortalsWithPendingAsync(TestContext.CurrentContext.CancellationToken);
        var count = 0;
        foreach (var p in portals)
        {
            count += (await inbox.TakePendingAsync(p, 100_000, TestContext.CurrentContext.CancellationToken)).Count;
        }

        return count;
    }
}
