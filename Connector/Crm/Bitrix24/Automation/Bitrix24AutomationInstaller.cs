using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24.Install;
using Connector.Crm.Bitrix24.Reading;
using Connector.Crm.Bitrix24.Timeline;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Automation;

/// <summary>
/// Install and uninstall steps of the write-back: the boolean contact field UF_CRM_ESP_UNSUBSCRIBED, created once
/// (crm.contact.userfield.list by FIELD_NAME, then .add; api-reference/crm/contacts/userfield/crm-contact-userfield-add.md,
/// -list.md) and the manifest's app triggers (crm.automation.trigger.add is an upsert, so every install registers them;
/// …/automation/triggers/crm-automation-trigger-add.md), deleted on uninstall (…-delete.md), and the manifest's robots:
/// bizproc.robot.add on every install, ERROR_ACTIVITY_ALREADY_INSTALLED → bizproc.robot.update with the same fields, so
/// an upgraded manifest takes effect (robots go when the app is updated or removed: api-reference/bizproc/bizproc-robot/
/// bizproc-robot-delete.md, bizproc-robot-add.md, bizproc-robot-update.md).
/// </summary>
public sealed class Bitrix24AutomationInstaller(IBitrix24Client client, ILogger<Bitrix24AutomationInstaller> logger)
{
    public const string RobotAlreadyInstalled = "ERROR_ACTIVITY_ALREADY_INSTALLED";

    public async Task<IReadOnlyList<string>> InstallAsync(Bitrix24Portal portal, Bitrix24AppManifest manifest, Uri publicUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var commands = new List<Bitrix24BatchCommand>
        {
            new("field", "crm.contact.userfield.list", new BatchQuery().Add("filter[FIELD_NAME]", Bitrix24TimelineCommands.OptOutField).ToString()),
        };
        foreach (var (trigger, i) in manifest.Triggers.Select((t, i) => (t, i)))
        {
            commands.Add(new Bitrix24BatchCommand(TriggerKey(i), "crm.automation.trigger.add", new BatchQuery().Add("CODE", trigger.Code).Add("NAME", trigger.Name).ToString()));
        }

        var failures = new List<string>();
        var response = await client.BatchAsync(portal, commands, idempotent: true, cancellationToken);
        if (!response.IsSuccess)
        {
            failures.Add($"automation batch: {response.Error}");
            Log(portal, failures);
            return failures;
        }

        failures.AddRange(response.Value.Errors.Select(e => $"{commands.First(c => c.Key == e.Key).Method}: {e.Value}"));
        if (response.Value.Results.TryGetValue("field", out var fields) && fields.ValueKind == JsonValueKind.Array && fields.GetArrayLength() == 0)
        {
            // The request of bitrix24-automation.md §4.2; FIELD_NAME without UF_CRM_ (the portal prefixes it).
            var add = await client.CallAsync(portal, "crm.contact.userfield.add", new()
            {
                ["fields"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["FIELD_NAME"] = "ESP_UNSUBSCRIBED",
                    ["USER_TYPE_ID"] = "boolean",
                    ["LABEL"] = "Unsubscribed (CrmEspBridge)",
                    ["XML_ID"] = "crmespbridge_unsubscribed",
                    ["SETTINGS"] = new System.Text.Json.Nodes.JsonObject { ["DEFAULT_VALUE"] = 0, ["DISPLAY"] = "CHECKBOX" },
                    ["SHOW_FILTER"] = "Y",
                },
            }, idempotent: false, cancellationToken);
            if (!add.IsSuccess)
            {
                failures.Add($"crm.contact.userfield.add: {add.Error}");
            }
        }

        failures.AddRange(await RegisterRobotsAsync(portal, manifest, publicUrl, cancellationToken));
        Log(portal, failures);
        return failures;
    }

    private async Task<List<string>> RegisterRobotsAsync(Bitrix24Portal portal, Bitrix24AppManifest manifest, Uri publicUrl, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var robot in manifest.Robots)
        {
            var fields = robot.Fields(publicUrl);
            var add = (JsonObject)fields.DeepClone();
            add.Insert(0, "CODE", robot.Code);
            // A repeated add only meets ALREADY_INSTALLED, so it may be retried like a read.
            var added = await client.CallAsync(portal, "bizproc.robot.add", add, idempotent: true, cancellationToken);
            if (added.IsSuccess)
            {
                continue;
            }

            if (added.Error.Code != RobotAlreadyInstalled)
            {
                failures.Add($"bizproc.robot.add {robot.Code}: {added.Error}");
                continue;
            }

            var updated = await client.CallAsync(portal, "bizproc.robot.update", new JsonObject { ["CODE"] = robot.Code, ["FIELDS"] = fields }, idempotent: true, cancellationToken);
            if (!updated.IsSuccess)
            {
                failures.Add($"bizproc.robot.update {robot.Code}: {updated.Error}");
            }
        }

        return failures;
    }

    public async Task UninstallAsync(Bitrix24Portal portal, Bitrix24AppManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Triggers.Count == 0)
        {
            return;
        }

        var commands = manifest.Triggers.Select((t, i) => new Bitrix24BatchCommand(TriggerKey(i), "crm.automation.trigger.delete", new BatchQuery().Add("CODE", t.Code).ToString())).ToList();
        var response = await client.BatchAsync(portal, commands, idempotent: true, cancellationToken);

        // After ONAPPUNINSTALL the portal may already refuse the app's tokens; the portal drops an app's data with it.
        logger.LogInformation("Bitrix24 {Portal}: app triggers {Outcome}", portal.Key,
            response.IsSuccess ? $"deleted ({response.Value.Results.Count} of {commands.Count})" : $"not deleted ({response.Error.Kind})");
    }

    private void Log(Bitrix24Portal portal, List<string> failures)
    {
        foreach (var failure in failures)
        {
            logger.LogWarning("Bitrix24 {Portal}: automation install step failed: {Failure}", portal.Key, Connector.Web.LogText.Safe(failure));
        }
    }

    private static string TriggerKey(int index) => "tr" + index.ToString(CultureInfo.InvariantCulture);
}
