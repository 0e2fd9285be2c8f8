using System.Net;
using Connector.Sandbox;
using Connector.Tests.Sandbox;

namespace Connector.Tests.Timeline;

/// <summary>
/// The sandbox's timeline, user-field and trigger methods on the wire, webhook against app context, with the answers of
/// api-reference/crm/timeline/logmessage/*, …/comments/*, crm/contacts/userfield/* and crm/automation/triggers/*.
/// </summary>
[TestFixture]
public sealed class SandboxTimelineMethodsTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Webhook_AppOnlyMethodsRefused_CommentsWritten()
    {
        await using var host = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 3, Deals = 1 });
        var contact = host.Portal.Contacts[0].Id;

        var log = await host.PostAsync("crm.timeline.logmessage.add", new { fields = new { entityTypeId = 3, entityId = contact, title = "t", text = "x", iconCode = "info" } });
        var trigger = await host.PostAsync("crm.automation.trigger.add", new { CODE = "email_opened", NAME = "Opened" });
        // A dictionary keeps its keys as written (the web serializer camel-cases property names).
        var upper = await host.PostAsync("crm.timeline.comment.add", new Dictionary<string, object> { ["FIELDS"] = new Dictionary<string, object> { ["ENTITY_ID"] = contact, ["ENTITY_TYPE"] = "contact", ["COMMENT"] = "hi" } });
        var empty = await host.PostAsync("crm.timeline.comment.add", new { fields = new { ENTITY_ID = contact, ENTITY_TYPE = "contact", COMMENT = " " } });
        var missing = await host.PostAsync("crm.timeline.comment.add", new { fields = new { ENTITY_ID = 99_999, ENTITY_TYPE = "contact", COMMENT = "hi" } });
        var added = await host.PostAsync("crm.timeline.comment.add", new { fields = new { ENTITY_ID = contact, ENTITY_TYPE = "contact", COMMENT = "Письмо открыто" } });
        var listed = await host.PostAsync("crm.timeline.comment.list", new { filter = new { ENTITY_ID = contact, ENTITY_TYPE = "contact" } });

        Assert.Multiple(() =>
        {
            Assert.That((log.Status, log.Body["error"]?.ToString(), log.Body["error_description"]?.ToString()),
                Is.EqualTo((HttpStatusCode.Forbidden, "ACCESS_DENIED", "Access denied! Application context required")));
            Assert.That((trigger.Status, trigger.Body["error"]?.ToString()), Is.EqualTo((HttpStatusCode.Forbidden, "ACCESS_DENIED")));
            Assert.That((upper.Status, upper.Body["error"]?.ToString()), Is.EqualTo((HttpStatusCode.BadRequest, "100")), "only lower-case fields since crm 23.100.0");
            Assert.That(empty.Body["error"]?.ToString(), Is.EqualTo("INVALID_ARG_VALUE"));
            Assert.That(missing.Body["error"]?.ToString(), Is.EqualTo("OWNER_NOT_FOUND"));
            Assert.That(added.Body["result"]?.GetValue<long>(), Is.GreaterThan(0));
            Assert.That(listed.Body["result"]?[0]?["COMMENT"]?.ToString(), Is.EqualTo("Письмо открыто"));
            Assert.That(listed.Body["result"]?[0]?["ID"]?.ToString(), Is.EqualTo(added.Body["result"]?.ToString()), "numbers as strings");
            Assert.That(listed.Body["total"]?.GetValue<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task UserFieldAdd_PrefixesAndRefusesDuplicates_ListFiltersExactly()
    {
        await using var host = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 1, Deals = 0 });

        var noType = await host.PostAsync("crm.contact.userfield.add", new { fields = new { FIELD_NAME = "ESP_UNSUBSCRIBED" } });
        var added = await host.PostAsync("crm.contact.userfield.add", new { fields = new { FIELD_NAME = "esp_unsubscribed", USER_TYPE_ID = "boolean", SETTINGS = new { DEFAULT_VALUE = 0 } } });
        var again = await host.PostAsync("crm.contact.userfield.add", new { fields = new { FIELD_NAME = "UF_CRM_ESP_UNSUBSCRIBED", USER_TYPE_ID = "boolean" } });
        var found = await host.PostAsync("crm.contact.userfield.list", new { filter = new { FIELD_NAME = "UF_CRM_ESP_UNSUBSCRIBED" } });
        var none = await host.PostAsync("crm.contact.userfield.list", new { filter = new { FIELD_NAME = "ESP_UNSUBSCRIBED" } });

        Assert.Multiple(() =>
        {
            Assert.That((noType.Status, noType.Body["error"]?.ToString(), noType.Body["error_description"]?.ToString()),
                Is.EqualTo((HttpStatusCode.BadRequest, "", "The 'USER_TYPE_ID' field is not found.")));
            Assert.That(added.Body["result"]?.GetValue<long>(), Is.GreaterThan(0));
            Assert.That(again.Body["error"]?.ToString(), Is.EqualTo("ERROR_CORE"));
            Assert.That(found.Body["result"]?.AsArray().Select(r => (r?["ID"]?.ToString(), r?["FIELD_NAME"]?.ToString(), r?["ENTITY_ID"]?.ToString())),
                Is.EqualTo(new[] { (added.Body["result"]?.ToString(), "UF_CRM_ESP_UNSUBSCRIBED", "CRM_CONTACT") }));
            Assert.That(none.Body["result"]?.AsArray(), Is.Empty, "the filter matches exactly");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AppContext_LogMessagesAndTriggers_AnswerAsDocumented()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var auth = (await rig.InstallAsync()).AccessToken;
        var contact = rig.Portal.Contacts[0].Id;

        var first = await rig.CallAsync("crm.timeline.logmessage.add", new { fields = new { entityTypeId = 3, entityId = contact, title = "Sent", text = "#1", iconCode = "info" } }, auth);
        var second = await rig.CallAsync("crm.timeline.logmessage.add", new { fields = new { entityTypeId = 3, entityId = contact, title = "Opened", text = "", iconCode = "info" } }, auth);
        var noIcon = await rig.CallAsync("crm.timeline.logmessage.add", new { fields = new { entityTypeId = 3, entityId = contact, title = "x", text = "y" } }, auth);
        var list = await rig.CallAsync("crm.timeline.logmessage.list", new { entityTypeId = 3, entityId = contact }, auth);
        var notFound = await rig.CallAsync("crm.timeline.logmessage.get", new { id = 4242 }, auth);
        var badCode = await rig.CallAsync("crm.automation.trigger.add", new { CODE = "bad code!", NAME = "x" }, auth);
        var add = await rig.CallAsync("crm.automation.trigger.add", new { CODE = "email_opened", NAME = "Opened" }, auth);
        var rename = await rig.CallAsync("crm.automation.trigger.add", new { CODE = "email_opened", NAME = "E-mail opened" }, auth);
        var triggers = await rig.CallAsync("crm.automation.trigger.list", new { }, auth);
        var unknown = await rig.CallAsync("crm.automation.trigger.execute", new { CODE = "call_done", OWNER_TYPE_ID = 2, OWNER_ID = 6 }, auth);
        var noOwner = await rig.CallAsync("crm.automation.trigger.execute", new { CODE = "email_opened", OWNER_TYPE_ID = 2, OWNER_ID = 0 }, auth);
        var run = await rig.CallAsync("crm.automation.trigger.execute", new { CODE = "email_opened", OWNER_TYPE_ID = 2, OWNER_ID = 999_999 }, auth);
        var gone = await rig.CallAsync("crm.automation.trigger.delete", new { CODE = "nope" }, auth);

        Assert.Multiple(() =>
        {
            Assert.That(first.Body["result"]?["logMessage"]?["title"]?.ToString(), Is.EqualTo("Sent"));
            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), "an empty text passes (isset)");
            Assert.That((noIcon.Body["error"]?.ToString(), noIcon.Body["error_description"]?.ToString()), Is.EqualTo(("100", "Missing a required field: iconCode")));
            Assert.That(list.Body["result"]?.AsArray().Select(r => r?["title"]?.ToString()), Is.EqualTo(new[] { "Opened", "Sent" }), "newest first by default");
            Assert.That((notFound.Body["error"]?.ToString(), notFound.Body["error_description"]?.ToString()), Is.EqualTo(("NOT_FOUND", "Timeline logmessage not found for id `4242`")));
            Assert.That(badCode.Body["error_description"]?.ToString(), Is.EqualTo("Wrong trigger code!"));
            Assert.That(add.Body["result"]?.GetValue<bool>() == true && rename.Body["result"]?.GetValue<bool>() == true, Is.True);
            Assert.That(triggers.Body["result"]?.AsArray().Select(t => (t?["CODE"]?.ToString(), t?["NAME"]?.ToString())), Is.EqualTo(new[] { ("email_opened", "E-mail opened") }), "add is an upsert");
            Assert.That(unknown.Body["error_description"]?.ToString(), Is.EqualTo("Trigger with code call_done is not registered."));
            Assert.That(noOwner.Body["error_description"]?.ToString(), Is.EqualTo("Incorrect parameter OWNER_ID."));
            Assert.That(run.Body["result"]?.GetValue<bool>(), Is.True, "true even when no object has that id");
            Assert.That(gone.Body["error_description"]?.ToString(), Is.EqualTo("Trigger not found"));
        });
    }
}
