using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxBindingTests
{
    [Test]
    public async Task EventBind_SameEventAndHandlerTwice_ReturnsHandlerAlreadyExist()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        var bind = new { @event = "OnCrmDealUpdate", handler = rig.App.Url("b24/events").ToString() };

        var (first, _) = await rig.CallAsync("event.bind", bind, install.AccessToken);
        var (second, error) = await rig.CallAsync("event.bind", bind, install.AccessToken);
        var (_, list) = await rig.CallAsync("event.get", new { }, install.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("ERROR_HANDLER_ALREADY_EXIST"));
            Assert.That(error["error_description"]!.GetValue<string>(), Is.EqualTo("Handler already exists!"));
            Assert.That(list["result"]!.ToJsonString(), Is.EqualTo($$"""[{"event":"ONCRMDEALUPDATE","handler":"{{rig.App.Url("b24/events")}}","auth_type":"0","offline":0}]"""));
            Assert.That(rig.Portal.EventBindings, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task EventBind_UnknownEvent_ReturnsEventNotFound()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();

        var (status, error) = await rig.CallAsync("event.bind", new { @event = "ONCRMLEADFLY", handler = rig.App.Url("x").ToString() }, install.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("ERROR_EVENT_NOT_FOUND"));
        });
    }

    [TestCase("placement.bind")]
    [TestCase("event.bind")]
    public async Task AppOnlyMethod_ThroughWebhook_ReturnsWrongAuthType(string method)
    {
        await using var sut = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 1, Deals = 0 });

        var (status, error) = await sut.PostAsync(method, new { PLACEMENT = "CRM_DEAL_DETAIL_TAB", @event = "ONCRMDEALADD", handler = "https://app.example/e" });

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("WRONG_AUTH_TYPE"));
        });
    }

    [Test]
    public async Task PlacementBind_TwiceThenUnbind_RefusesDuplicateAndRemoves()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        var bind = new { PLACEMENT = "CRM_CONTACT_DETAIL_TAB", HANDLER = rig.App.Url("tab").ToString(), TITLE = "Рассылки" };

        var (first, _) = await rig.CallAsync("placement.bind", bind, install.AccessToken);
        var (second, error) = await rig.CallAsync("placement.bind", bind, install.AccessToken);
        var bound = rig.Portal.Placements;
        var (_, unbind) = await rig.CallAsync("placement.unbind", new { PLACEMENT = "CRM_CONTACT_DETAIL_TAB" }, install.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error["error_description"]!.GetValue<string>(), Does.Contain("Handler already binded"));
            Assert.That(bound.Single().Title, Is.EqualTo("Рассылки"));
            Assert.That(unbind["result"]!["count"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(rig.Portal.Placements, Is.Empty);
        });
    }
}
