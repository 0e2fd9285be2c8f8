using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

/// <summary>
/// The sandbox's robots as api-reference/bizproc/bizproc-robot/*.md describe them: bizproc.robot.add/update/list/delete
/// in app context only, with the documented errors; a placed robot runs when a deal enters its stage and POSTs the
/// handler form of bitrix24-automation.md §6.3 with a signed event token; bizproc.event.send closes it once.
/// </summary>
[CancelAfter(120_000)]
public sealed class SandboxRobotTests
{
    private static object Robot(string handler) => new
    {
        CODE = "esp_send", HANDLER = handler, USE_SUBSCRIPTION = "Y", NAME = new { en = "Send e-mail" },
        PROPERTIES = new { template = new { Name = "Template", Type = "string", Required = "Y" }, delay = new { Name = "Delay", Type = "string", Default = "0" } },
        RETURN_PROPERTIES = new { message_id = new { Name = "Message", Type = "string" }, status = new { Name = "Status", Type = "string" } },
        DOCUMENT_TYPE = new[] { "crm", "CCrmDocumentDeal", "DEAL" },
    };

    [Test]
    public async Task RobotMethods_AppContextOnly_AlreadyInstalledNotFoundAndValidationErrors()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        var handler = rig.App.Url("b24/robot/send-email").ToString();
        var options = rig.Portal.Options;

        var webhook = rig.Portal.Handle(options.WebhookUserId.ToString(CultureInfo.InvariantCulture), options.WebhookCode, "bizproc.robot.add", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Robot(handler)))!.AsObject());
        var (added, _) = await rig.CallAsync("bizproc.robot.add", Robot(handler), install.AccessToken);
        var (again, againBody) = await rig.CallAsync("bizproc.robot.add", Robot(handler), install.AccessToken);
        var (_, list) = await rig.CallAsync("bizproc.robot.list", new { }, install.AccessToken);
        var (updated, _) = await rig.CallAsync("bizproc.robot.update", new { CODE = "esp_send", FIELDS = new { NAME = "Renamed" } }, install.AccessToken);
        var (_, noFields) = await rig.CallAsync("bizproc.robot.update", new { CODE = "esp_send" }, install.AccessToken);
        var (_, unknownUpdate) = await rig.CallAsync("bizproc.robot.update", new { CODE = "nope", FIELDS = new { NAME = "x" } }, install.AccessToken);
        var (_, badCode) = await rig.CallAsync("bizproc.robot.add", new { CODE = "bad code!", HANDLER = handler, NAME = "x" }, install.AccessToken);
        var (_, ftp) = await rig.CallAsync("bizproc.robot.add", new { CODE = "other", HANDLER = "ftp://example.org/h", NAME = "x" }, install.AccessToken);
        var (_, badKey) = await rig.CallAsync("bizproc.robot.add", new { CODE = "other", HANDLER = handler, NAME = "x", PROPERTIES = new Dictionary<string, object> { ["1st"] = new { Name = "x" } } }, install.AccessToken);
        var (deleted, _) = await rig.CallAsync("bizproc.robot.delete", new { CODE = "esp_send" }, install.AccessToken);
        var (_, deleteAgain) = await rig.CallAsync("bizproc.robot.delete", new { CODE = "esp_send" }, install.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That((webhook.Status, webhook.Body["error"]!.GetValue<string>(), webhook.Body["error_description"]!.GetValue<string>()),
                Is.EqualTo((403, "ACCESS_DENIED", "Access denied! Application context required")));
            Assert.That(added, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((again, againBody["error"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.BadRequest, "ERROR_ACTIVITY_ALREADY_INSTALLED")));
            Assert.That(list["result"]!.ToJsonString(), Is.EqualTo("[\"esp_send\"]"));
            Assert.That(updated, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(noFields["error_description"]!.GetValue<string>(), Is.EqualTo("No fields to update"));
            Assert.That((unknownUpdate["error"]!.GetValue<string>(), unknownUpdate["error_description"]!.GetValue<string>()), Is.EqualTo(("ERROR_ACTIVITY_NOT_FOUND", "Activity or Automation Rule not found!")));
            Assert.That(badCode["error_description"]!.GetValue<string>(), Is.EqualTo("Wrong activity code!"));
            Assert.That(ftp["error"]!.GetValue<string>(), Is.EqualTo("ERROR_UNSUPPORTED_PROTOCOL"));
            Assert.That(badKey["error_description"]!.GetValue<string>(), Is.EqualTo("Wrong property key (1st)!"));
            Assert.That(deleted, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(deleteAgain["error_description"]!.GetValue<string>(), Is.EqualTo("Activity or Robot not found!"));
        });
    }

    [Test]
    public async Task PlacedRobot_DealEntersStage_PostsTheHandlerFormAndEventSendClosesItOnce()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        await rig.CallAsync("bizproc.robot.add", Robot(rig.App.Url("b24/robot/send-email").ToString()), install.AccessToken);
        var deal = rig.Portal.Deals.First(d => d.StageId != "PREPARATION" && d.CategoryId == 0);
        rig.Portal.PlaceRobot(new SandboxPlacedRobot("esp_send", "PREPARATION", new Dictionary<string, string> { ["template"] = "proposal" }));

        rig.Portal.MoveDeal(deal.Id, "PREPARATION");
        await rig.Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var post = rig.App.Posts.Single(p => p.Path == "/b24/robot/send-email");
        var token = post.Form["event_token"];
        var (forged, forgedBody) = await rig.CallAsync("bizproc.event.send", new { EVENT_TOKEN = token[..^4] + "0000", RETURN_VALUES = new { status = "sent" } }, install.AccessToken);
        var (first, _) = await rig.CallAsync("bizproc.event.send", new { EVENT_TOKEN = token, RETURN_VALUES = new { STATUS = "sent", message_id = "42", extra = "dropped" } }, install.AccessToken);
        var (later, _) = await rig.CallAsync("bizproc.event.send", new { EVENT_TOKEN = token, RETURN_VALUES = new { status = "failed" } }, install.AccessToken);
        var run = rig.Portal.RobotRuns.Single();

        Assert.Multiple(() =>
        {
            Assert.That((post.Form["code"], post.Form["document_id[0]"], post.Form["document_id[1]"], post.Form["document_id[2]"], post.Form["document_type[2]"]),
                Is.EqualTo(("esp_send", "crm", "CCrmDocumentDeal", $"DEAL_{deal.Id}", "DEAL")));
            Assert.That((post.Form["properties[template]"], post.Form["properties[delay]"], post.Form["use_subscription"], post.Form["timeout_duration"]),
                Is.EqualTo(("proposal", "0", "Y", "0")), "the dialog's values with the robot's defaults applied");
            Assert.That(post.Form["auth[application_token]"], Is.EqualTo(install.ApplicationToken));
            Assert.That(post.Form["auth[refresh_token]"], Is.Not.Empty, "robots are sent with sendRefreshToken");
            Assert.That(token.Split('|'), Has.Length.EqualTo(3), "workflowId|activityName|eventId, signed");
            Assert.That((forged, forgedBody["error"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.Forbidden, "ACCESS_DENIED")));
            Assert.That((first, later), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), "a send after the robot closed answers true");
            Assert.That(run.Closed, Is.True);
            Assert.That(run.ReturnValues, Is.EqualTo(new Dictionary<string, string> { ["status"] = "sent", ["message_id"] = "42" }), "keys matched case-insensitively, unknown ones dropped, later sends ignored");
            Assert.That(run.Sends, Is.EqualTo(2));
        });
    }
}
