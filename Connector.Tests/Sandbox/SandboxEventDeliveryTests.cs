using Connector.Tests.TestSupport;
using System.Net;
using System.Net.Sockets;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxEventDeliveryTests
{
    private static readonly string[] UserEventKeys =
    [
        "event", "event_handler_id", "data[FIELDS][ID]", "ts", "auth[access_token]", "auth[expires]", "auth[expires_in]",
        "auth[scope]", "auth[domain]", "auth[server_endpoint]", "auth[status]", "auth[client_endpoint]", "auth[member_id]",
        "auth[user_id]", "auth[application_token]",
    ];

    [Test]
    public async Task UpdateContact_BoundHandler_DeliversOneEventWithDocumentedKeys()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();

        var form = await rig.BindAndGetSingleEventAsync(install.AccessToken, "ONCRMCONTACTUPDATE", async () =>
        {
            rig.Portal.UpdateContact(2, new SandboxContactFields { Name = "Пётр" });
            await Task.CompletedTask;
        });
        var (status, _) = await rig.CallAsync("crm.contact.get", new { id = 2 }, form["auth[access_token]"]);

        Assert.Multiple(() =>
        {
            Assert.That(form.Keys, Is.EquivalentTo(UserEventKeys));
            Assert.That(form["event"], Is.EqualTo("ONCRMCONTACTUPDATE"));
            Assert.That(form["data[FIELDS][ID]"], Is.EqualTo("2"));
            Assert.That(form["auth[application_token]"], Is.EqualTo(install.ApplicationToken));
            Assert.That(form["auth[member_id]"], Is.EqualTo(rig.Portal.Options.MemberId));
            Assert.That(form["auth[client_endpoint]"], Is.EqualTo(rig.Portal.ClientEndpoint.ToString()));
            Assert.That(form["event_handler_id"], Is.EqualTo(rig.Portal.EventBindings.Single().Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "the event's token works for REST");
            Assert.That(rig.Portal.EventStats.Delivered, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task RestDealAdd_BoundHandler_DeliversOnCrmDealAdd()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();

        var form = await rig.BindAndGetSingleEventAsync(install.AccessToken, "ONCRMDEALADD", async () =>
            await rig.CallAsync("crm.deal.add", new { fields = new { TITLE = "Новая" } }, install.AccessToken));

        Assert.That(form["event"], Is.EqualTo("ONCRMDEALADD"));
    }

    [Test]
    public async Task ChangesByAutomation_Update_CarriesNoUserTokens()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        rig.Portal.ChangesByAutomation = true;

        var form = await rig.BindAndGetSingleEventAsync(install.AccessToken, "ONCRMCONTACTUPDATE", async () =>
        {
            rig.Portal.UpdateContact(1, new SandboxContactFields { LastName = "Робот" });
            await Task.CompletedTask;
        });

        Assert.Multiple(() =>
        {
            Assert.That(form.ContainsKey("auth[access_token]"), Is.False);
            Assert.That(form.ContainsKey("auth[user_id]"), Is.False);
            Assert.That(form["auth[application_token]"], Is.EqualTo(install.ApplicationToken));
            Assert.That(form["auth[domain]"], Is.Not.Empty);
        });
    }

    [Test]
    public async Task MoveDealToCategory_UpdateAndMoveBound_FiresOnlyMoveToCategory()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        var handler = rig.App.Url("b24/events").ToString();
        await rig.CallAsync("event.bind", new { @event = "ONCRMDEALUPDATE", handler }, install.AccessToken);
        await rig.CallAsync("event.bind", new { @event = "ONCRMDEALMOVETOCATEGORY", handler }, install.AccessToken);

        rig.Portal.MoveDealToCategory(1, 2, "C2:PREPARATION");
        await rig.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);

        var form = rig.App.Posts.Single(p => p.Path == "/b24/events").Form;
        Assert.Multiple(() =>
        {
            Assert.That(form["event"], Is.EqualTo("ONCRMDEALMOVETOCATEGORY"));
            Assert.That(form["data[FIELDS][ID]"], Is.EqualTo("1"));
            Assert.That(form["data[FIELDS][CATEGORY_ID]"], Is.EqualTo("2"));
            Assert.That(form["data[FIELDS][STAGE_ID]"], Is.EqualTo("C2:PREPARATION"));
        });
    }

    [Test]
    public async Task DeleteDeal_BoundHandler_FiresDealDelete()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();

        var form = await rig.BindAndGetSingleEventAsync(install.AccessToken, "ONCRMDEALDELETE", async () =>
            await rig.CallAsync("crm.deal.delete", new { id = 3 }, install.AccessToken));

        Assert.That(form["data[FIELDS][ID]"], Is.EqualTo("3"));
    }

    [Test]
    public async Task EventLossPercent100_Changes_DropsAllAndCounts()
    {
        await using var rig = await SandboxAppRig.StartAsync(new SandboxOptions { Contacts = 5, Deals = 0, EventLossPercent = 100 });
        var install = await rig.InstallAsync();
        await rig.CallAsync("event.bind", new { @event = "ONCRMCONTACTUPDATE", handler = rig.App.Url("b24/events").ToString() }, install.AccessToken);

        for (var id = 1; id <= 5; id++)
        {
            rig.Portal.UpdateContact(id, new SandboxContactFields { Name = "X" });
        }

        await rig.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(rig.App.Posts.Count(p => p.Path == "/b24/events"), Is.Zero);
            Assert.That(rig.Portal.EventStats, Is.EqualTo(new Connector.Sandbox.Events.SandboxEventStats(0, 0, 0, 5)));
        });
    }

    [Test]
    public async Task UnreachableHandler_Change_FailsOnceWithoutRetry()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        var closed = ClosedPortUrl();
        await rig.CallAsync("event.bind", new { @event = "ONCRMCONTACTUPDATE", handler = closed }, install.AccessToken);
        await rig.CallAsync("event.bind", new { @event = "ONCRMCONTACTUPDATE", handler = rig.App.Url("b24/events").ToString() }, install.AccessToken);

        rig.Portal.UpdateContact(1, new SandboxContactFields { Name = "Y" });
        await rig.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        await rig.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(rig.Portal.EventStats.Queued, Is.EqualTo(2));
            Assert.That(rig.Portal.EventStats.Failed, Is.EqualTo(1));
            Assert.That(rig.Portal.EventStats.Delivered, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task HandlerAnswers500_Change_CountedAsFailedNotRetried()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        rig.App.StatusCode = 500;

        await rig.BindAndGetSingleEventAsync(install.AccessToken, "ONCRMCONTACTADD", async () =>
        {
            rig.Portal.AddContact(new SandboxContactFields { Name = "Z" });
            await Task.CompletedTask;
        });

        Assert.That(rig.Portal.EventStats.Failed, Is.EqualTo(1));
    }

    [Test]
    public async Task SlowHandler_LongerThanEventTimeout_CountedAsFailed()
    {
        await using var rig = await SandboxAppRig.StartAsync(new SandboxOptions { Contacts = 5, Deals = 0, EventTimeoutSeconds = 0.2 });
        var install = await rig.InstallAsync();
        await rig.CallAsync("event.bind", new { @event = "ONCRMCONTACTUPDATE", handler = rig.App.Url("b24/events").ToString() }, install.AccessToken);
        rig.App.Delay = TimeSpan.FromSeconds(2);

        rig.Portal.UpdateContact(1, new SandboxContactFields { Name = "Медленно" });
        await rig.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);

        Assert.That(rig.Portal.EventStats, Is.EqualTo(new Connector.Sandbox.Events.SandboxEventStats(1, 0, 1, 0)));
    }

    [Test]
    public async Task OutgoingWebhook_Change_CarriesOnlyEndpointAuth()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        rig.Portal.AddOutgoingWebhook(rig.App.Url("hook"), ["ONCRMDEALUPDATE"], "hooktoken0000000000000000000000");

        rig.Portal.UpdateDeal(1, new SandboxDealFields { Title = "Обновлена" });
        await rig.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);

        var form = rig.App.Posts.Single(p => p.Path == "/hook").Form;
        Assert.Multiple(() =>
        {
            Assert.That(form.Keys.Where(k => k.StartsWith("auth[", StringComparison.Ordinal)), Is.EquivalentTo(new[]
            {
                "auth[domain]", "auth[client_endpoint]", "auth[server_endpoint]", "auth[member_id]", "auth[application_token]",
            }));
            Assert.That(form["auth[application_token]"], Is.EqualTo("hooktoken0000000000000000000000"));
            Assert.That(() => rig.Portal.AddOutgoingWebhook(rig.App.Url("hook"), ["ONCRMDEALMOVETOCATEGORY"], "t"), Throws.ArgumentException);
        });
    }

    [Test]
    public async Task ChangeDomain_Event_CarriesNewClientEndpoint()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        rig.Portal.ChangeDomain();

        var form = await rig.BindAndGetSingleEventAsync(install.AccessToken, "ONCRMCONTACTDELETE", async () =>
        {
            rig.Portal.DeleteContact(4);
            await Task.CompletedTask;
        });

        Assert.Multiple(() =>
        {
            Assert.That(form["auth[client_endpoint]"], Is.EqualTo($"{rig.Sandbox.Host.BaseUrl}sandbox/moved/rest/"));
            Assert.That($"http://{form["auth[domain]"]}/rest/", Is.EqualTo(form["auth[client_endpoint]"]));
        });
    }

    private static string ClosedPortUrl()
    {
        return $"http://127.0.0.1:{TestPorts.Free()}/b24/events";
    }
}
