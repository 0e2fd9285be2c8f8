using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.automation.trigger.add/list/delete/execute (api-reference/crm/automation/triggers/): an administrator in
/// application context only — a webhook gets HTTP 403 ACCESS_DENIED "Access denied! Application context required".
/// add is an upsert (a known CODE only renames it); CODE matches <c>[a-z0-9.\-_]</c> case-insensitively; errors carry
/// an empty code. execute answers true whether or not an object moved, also for an OWNER_ID that does not exist.
/// </summary>
public static partial class TriggerMethods
{
    public static readonly SandboxError AppContextRequired = new(403, "ACCESS_DENIED", "Access denied! Application context required");

    public static SandboxCallResult Add(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(AppContextRequired);
        }

        var code = Text(parameters, "CODE");
        var name = Text(parameters, "NAME");
        if (Empty(code))
        {
            return Fail("Empty trigger code!");
        }

        if (!Code().IsMatch(code))
        {
            return Fail("Wrong trigger code!");
        }

        if (Empty(name))
        {
            return Fail("Empty trigger name!");
        }

        var triggers = portal.TriggerList;
        var index = triggers.FindIndex(t => string.Equals(t.Key, code, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            triggers[index] = new(triggers[index].Key, name);
        }
        else
        {
            triggers.Add(new(code, name));
        }

        return SandboxCallResult.Ok(true);
    }

    public static SandboxCallResult List(SandboxPortal portal, JsonObject parameters) =>
        !portal.IsAppContext
            ? SandboxCallResult.Fail(AppContextRequired)
            : SandboxCallResult.Ok(new JsonArray([.. portal.TriggerList.Select(t => (JsonNode)new JsonObject { ["NAME"] = t.Value, ["CODE"] = t.Key })]));

    public static SandboxCallResult Delete(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(AppContextRequired);
        }

        var code = Text(parameters, "CODE");
        return portal.TriggerList.RemoveAll(t => string.Equals(t.Key, code, StringComparison.OrdinalIgnoreCase)) > 0
            ? SandboxCallResult.Ok(true)
            : Fail("Trigger not found");
    }

    public static SandboxCallResult Execute(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(AppContextRequired);
        }

        var code = Text(parameters, "CODE");
        if (!portal.TriggerList.Any(t => string.Equals(t.Key, code, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail($"Trigger with code {code} is not registered.");
        }

        // crm.enum.ownertype: 1 lead, 2 deal, 3 contact, 4 company, 7 quote, 31 smart invoice, 128+ smart processes.
        var type = (int)(SandboxParams.AsLong(SandboxParams.Get(parameters, "OWNER_TYPE_ID")) ?? 0);
        if (type is not (1 or 2 or 3 or 4 or 7 or 31) && type < 128)
        {
            return Fail("Incorrect parameter OWNER_TYPE_ID.");
        }

        var owner = SandboxParams.AsLong(SandboxParams.Get(parameters, "OWNER_ID")) ?? 0;
        if (owner <= 0)
        {
            return Fail("Incorrect parameter OWNER_ID.");
        }

        portal.TriggerRunList.Add(new SandboxTriggerRun(code, type, owner, portal.Now));
        return SandboxCallResult.Ok(true);
    }

    private static SandboxCallResult Fail(string description) => SandboxCallResult.Fail(new SandboxError(400, string.Empty, description));

    // PHP empty(): "" and "0" are empty.
    private static bool Empty(string value) => value.Length == 0 || value == "0";

    private static string Text(JsonObject parameters, string key) => SandboxParams.AsString(SandboxParams.Get(parameters, key))?.Trim() ?? string.Empty;

    [GeneratedRegex(@"^[a-z0-9\.\-_]+$", RegexOptions.IgnoreCase)]
    private static partial Regex Code();
}
