using System.Text.Json.Nodes;
using Connector.Sandbox.Events;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// event.bind / event.get / event.unbind (api-reference/events/event-bind.md, event-get.md, event-unbind.md): app
/// context only, so a webhook gets 403 WRONG_AUTH_TYPE. An unknown event is 400 ERROR_EVENT_NOT_FOUND "Event not found";
/// a repeated event+handler is 400 ERROR_HANDLER_ALREADY_EXIST "Handler already exists!" (error-codes.md example).
/// </summary>
public static class EventMethods
{
    public static readonly SandboxError EventNotFound = new(400, "ERROR_EVENT_NOT_FOUND", "Event not found");
    public static readonly SandboxError HandlerExists = new(400, "ERROR_HANDLER_ALREADY_EXIST", "Handler already exists!");

    public static SandboxCallResult Bind(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(SandboxError.WrongAuthType);
        }

        var name = SandboxParams.AsString(SandboxParams.Get(parameters, "event"))?.Trim() ?? string.Empty;
        if (!SandboxEventNames.Bindable.Contains(name))
        {
            return SandboxCallResult.Fail(EventNotFound);
        }

        if (!TryHandler(parameters, "handler", out var handler))
        {
            return SandboxCallResult.Fail(SandboxError.InvalidArgument("Handler is not a valid absolute URL"));
        }

        name = name.ToUpperInvariant();
        var bindings = portal.EventBindingList;
        if (bindings.Any(b => b.Event == name && b.Handler == handler))
        {
            return SandboxCallResult.Fail(HandlerExists);
        }

        var authType = (int)(SandboxParams.AsLong(SandboxParams.Get(parameters, "auth_type")) ?? 0);
        var offline = string.Equals(SandboxParams.AsString(SandboxParams.Get(parameters, "event_type")), "offline", StringComparison.OrdinalIgnoreCase);
        bindings.Add(new SandboxEventBinding(portal.NextHandlerId(), name, handler, authType, offline));
        return SandboxCallResult.Ok(true);
    }

    // event-get.md: [{"event","handler","auth_type":"0","offline":0}].
    public static SandboxCallResult Get(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(SandboxError.WrongAuthType);
        }

        var rows = new JsonArray();
        foreach (var binding in portal.EventBindingList)
        {
            rows.Add(new JsonObject
            {
                ["event"] = binding.Event,
                ["handler"] = binding.Handler.ToString(),
                ["auth_type"] = SandboxParams.Text(binding.AuthType),
                ["offline"] = binding.Offline ? 1 : 0,
            });
        }

        return SandboxCallResult.Ok(rows);
    }

    // event-unbind.md answers {"count": n}; event and handler narrow what is removed.
    public static SandboxCallResult Unbind(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(SandboxError.WrongAuthType);
        }

        var name = SandboxParams.AsString(SandboxParams.Get(parameters, "event"))?.Trim() ?? string.Empty;
        var hasHandler = TryHandler(parameters, "handler", out var handler);
        var removed = portal.EventBindingList.RemoveAll(b =>
            string.Equals(b.Event, name, StringComparison.OrdinalIgnoreCase) && (!hasHandler || b.Handler == handler));
        return SandboxCallResult.Ok(new JsonObject { ["count"] = removed });
    }

    internal static bool TryHandler(JsonObject parameters, string key, out Uri handler)
    {
        var text = SandboxParams.AsString(SandboxParams.Get(parameters, key));
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            handler = parsed;
            return true;
        }

        handler = null!;
        return false;
    }
}
