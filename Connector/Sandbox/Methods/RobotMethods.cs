using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// bizproc.robot.add/update/list/delete (api-reference/bizproc/bizproc-robot/): an administrator in application context
/// only (a webhook gets HTTP 403 ACCESS_DENIED "Access denied! Application context required"). add refuses a known CODE
/// with ERROR_ACTIVITY_ALREADY_INSTALLED; update and delete refuse an unknown one with ERROR_ACTIVITY_NOT_FOUND; the
/// validation errors are ERROR_ACTIVITY_VALIDATION_FAILURE (HTTP 400) with the docs' messages. Keys are read
/// case-insensitively (the server upper-cases them, except property names: CORE restservice.php prepareActivityData).
/// bizproc.event.send (bizproc-event-send.md) needs no app context: a token the portal did not sign gets 403
/// ACCESS_DENIED "Access denied!"; the first valid send closes the robot with its return values, later ones answer true and change nothing.
/// </summary>
public static partial class RobotMethods
{
    public static SandboxCallResult Add(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(TriggerMethods.AppContextRequired);
        }

        var code = Text(parameters, "CODE");
        if (parameters.Count == 0)
        {
            return Validation("Empty data!");
        }

        if (code.Length == 0)
        {
            return Validation("Empty activity code!");
        }

        if (!Code().IsMatch(code))
        {
            return Validation("Wrong activity code!");
        }

        if (portal.RobotList.Any(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase)))
        {
            return SandboxCallResult.Fail(new SandboxError(400, "ERROR_ACTIVITY_ALREADY_INSTALLED", "Activity or Automation rule already installed!"));
        }

        var (robot, error) = Read(code, parameters, existing: null);
        if (error is not null)
        {
            return SandboxCallResult.Fail(error);
        }

        portal.RobotList.Add(robot!);
        return SandboxCallResult.Ok(true);
    }

    public static SandboxCallResult Update(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(TriggerMethods.AppContextRequired);
        }

        var code = Text(parameters, "CODE");
        var index = portal.RobotList.FindIndex(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return SandboxCallResult.Fail(new SandboxError(400, "ERROR_ACTIVITY_NOT_FOUND", "Activity or Automation Rule not found!"));
        }

        if (SandboxParams.Get(parameters, "FIELDS") is not JsonObject { Count: > 0 } fields)
        {
            return Validation("No fields to update");
        }

        var (robot, error) = Read(portal.RobotList[index].Code, fields, portal.RobotList[index]);
        if (error is not null)
        {
            return SandboxCallResult.Fail(error);
        }

        portal.RobotList[index] = robot!;
        return SandboxCallResult.Ok(true);
    }

    public static SandboxCallResult List(SandboxPortal portal, JsonObject parameters) =>
        !portal.IsAppContext
            ? SandboxCallResult.Fail(TriggerMethods.AppContextRequired)
            : SandboxCallResult.Ok(new JsonArray([.. portal.RobotList.Select(r => (JsonNode)r.Code)]));

    public static SandboxCallResult Delete(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(TriggerMethods.AppContextRequired);
        }

        var code = Text(parameters, "CODE");
        return portal.RobotList.RemoveAll(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase)) > 0
            ? SandboxCallResult.Ok(true)
            : SandboxCallResult.Fail(new SandboxError(400, "ERROR_ACTIVITY_NOT_FOUND", "Activity or Robot not found!"));
    }

    public static SandboxCallResult EventSend(SandboxPortal portal, JsonObject parameters)
    {
        var token = Text(parameters, "EVENT_TOKEN");
        var index = portal.RobotRunList.FindIndex(r => string.Equals(r.EventToken, token, StringComparison.Ordinal));
        if (token.Length == 0 || !portal.RobotTokenValid(token) || index < 0)
        {
            return SandboxCallResult.Fail(new SandboxError(403, "ACCESS_DENIED", "Access denied!"));
        }

        var run = portal.RobotRunList[index];
        if (run.Closed)
        {
            portal.RobotRunList[index] = run with { Sends = run.Sends + 1 };
            return SandboxCallResult.Ok(true);
        }

        var declared = portal.RobotList.FirstOrDefault(r => string.Equals(r.Code, run.Code, StringComparison.OrdinalIgnoreCase))?.ReturnProperties ?? [];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (SandboxParams.Get(parameters, "RETURN_VALUES") is JsonObject returned)
        {
            foreach (var (key, value) in returned)
            {
                if (declared.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase)).Key is { } name)
                {
                    values[name] = SandboxParams.AsString(value) ?? value?.ToJsonString() ?? "";
                }
            }
        }

        portal.RobotRunList[index] = run with { Closed = true, ReturnValues = values, Sends = run.Sends + 1 };
        return SandboxCallResult.Ok(true);
    }

    private static (SandboxRobot? Robot, SandboxError? Error) Read(string code, JsonObject fields, SandboxRobot? existing)
    {
        Uri? handler = existing?.Handler;
        if (SandboxParams.Get(fields, "HANDLER") is not null || existing is null)
        {
            var text = SandboxParams.AsString(SandboxParams.Get(fields, "HANDLER")) ?? "";
            if (!Uri.TryCreate(text, UriKind.Absolute, out handler))
            {
                return (null, new SandboxError(400, "ERROR_WRONG_HANDLER_URL", "Wrong handler URL"));
            }

            if (handler.Scheme != Uri.UriSchemeHttp && handler.Scheme != Uri.UriSchemeHttps)
            {
                return (null, new SandboxError(400, "ERROR_UNSUPPORTED_PROTOCOL", "Unsupported handler protocol"));
            }
        }

        var name = SandboxParams.Get(fields, "NAME")?.DeepClone() ?? existing?.Name?.DeepClone();
        if (name is null || (name is JsonValue && string.IsNullOrWhiteSpace(SandboxParams.AsString(name))) || name is JsonObject { Count: 0 })
        {
            return (null, Validation("Empty activity NAME!").Error);
        }

        var properties = existing?.Properties ?? [];
        var returns = existing?.ReturnProperties ?? [];
        foreach (var (key, target) in new[] { ("PROPERTIES", 0), ("RETURN_PROPERTIES", 1) })
        {
            if (SandboxParams.Get(fields, key) is not { } node)
            {
                continue;
            }

            if (node is not JsonObject map)
            {
                return (null, Validation("Wrong properties array!").Error);
            }

            foreach (var (property, definition) in map)
            {
                if (!PropertyKey().IsMatch(property))
                {
                    return (null, Validation($"Wrong property key ({property})!").Error);
                }

                if (definition is not JsonObject d || SandboxParams.Get(d, "NAME") is not { } propertyName || SandboxParams.AsString(propertyName) is "")
                {
                    return (null, Validation($"Empty property NAME ({property})!").Error);
                }
            }

            if (target == 0)
            {
                properties = (JsonObject)map.DeepClone();
            }
            else
            {
                returns = (JsonObject)map.DeepClone();
            }
        }

        if (SandboxParams.Get(fields, "DOCUMENT_TYPE") is { } type && (type is not JsonArray { Count: 3 } parts || parts.Any(p => SandboxParams.AsString(p) is null or "")))
        {
            return (null, Validation("Wrong activity DOCUMENT_TYPE!").Error);
        }

        if (SandboxParams.Get(fields, "FILTER") is { } filter && filter is not JsonObject)
        {
            return (null, Validation("Wrong activity FILTER!").Error);
        }

        var subscription = SandboxParams.Get(fields, "USE_SUBSCRIPTION") is { } use ? SandboxParams.AsString(use) == "Y" : existing?.UseSubscription ?? false;
        var user = SandboxParams.AsLong(SandboxParams.Get(fields, "AUTH_USER_ID")) ?? existing?.AuthUserId;
        return (new SandboxRobot(code, handler!, subscription, name, properties, returns, user), null);
    }

    private static SandboxCallResult Validation(string description) =>
        SandboxCallResult.Fail(new SandboxError(400, "ERROR_ACTIVITY_VALIDATION_FAILURE", description));

    private static string Text(JsonObject parameters, string key) => SandboxParams.AsString(SandboxParams.Get(parameters, key))?.Trim() ?? string.Empty;

    [GeneratedRegex(@"^[a-zA-Z0-9\.\-_]+$")]
    private static partial Regex Code();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex PropertyKey();
}
