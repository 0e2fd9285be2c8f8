using System.Text.Json.Nodes;
using Connector.Sandbox.Events;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// placement.bind / placement.get / placement.unbind (api-reference/widgets/placement-bind.md, placement-get.md,
/// placement-unbind.md): app context only (403 WRONG_AUTH_TYPE through a webhook). A second bind of the same
/// PLACEMENT+HANDLER fails with the server's "Handler already binded" (rest module's placement table check).
/// </summary>
public static class PlacementMethods
{
    public static readonly SandboxError AlreadyBound = new(400, "ERROR_CORE", "Unable to set placement handler: Handler already binded");
    public static readonly SandboxError NotFound = new(400, "ERROR_PLACEMENT_NOT_FOUND", "Placement not found");

    // widgets/crm/detail-tab.md, list-menu.md, detail-activity-area.md, detail-toolbar.md, widgets/left-menu.md.
    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(
        [
            "CRM_CONTACT_DETAIL_TAB", "CRM_DEAL_DETAIL_TAB", "LEFT_MENU", "CRM_CONTACT_LIST_MENU", "CRM_DEAL_LIST_MENU",
            "CRM_CONTACT_DETAIL_ACTIVITY", "CRM_DEAL_DETAIL_ACTIVITY", "CRM_CONTACT_DETAIL_TOOLBAR", "CRM_DEAL_DETAIL_TOOLBAR",
        ],
        StringComparer.OrdinalIgnoreCase);

    public static SandboxCallResult Bind(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(SandboxError.WrongAuthType);
        }

        var code = Text(parameters, "PLACEMENT");
        if (code.Length == 0)
        {
            return SandboxCallResult.Fail(new SandboxError(400, "ERROR_ARGUMENT", "Argument 'PLACEMENT' is null or empty"));
        }

        if (!Codes.Contains(code))
        {
            return SandboxCallResult.Fail(NotFound);
        }

        if (!EventMethods.TryHandler(parameters, "HANDLER", out var handler))
        {
            return SandboxCallResult.Fail(new SandboxError(400, "ERROR_ARGUMENT", "Argument 'HANDLER' is null or empty"));
        }

        code = code.ToUpperInvariant();
        var placements = portal.PlacementList;
        if (placements.Any(p => p.Placement == code && p.Handler == handler))
        {
            return SandboxCallResult.Fail(AlreadyBound);
        }

        placements.Add(new SandboxPlacementBinding(code, handler, Text(parameters, "TITLE"), Text(parameters, "DESCRIPTION"), Text(parameters, "GROUP_NAME")));
        return SandboxCallResult.Ok(true);
    }

    public static SandboxCallResult Get(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(SandboxError.WrongAuthType);
        }

        var rows = new JsonArray();
        foreach (var placement in portal.PlacementList)
        {
            rows.Add(new JsonObject
            {
                ["placement"] = placement.Placement,
                ["userId"] = 0,
                ["handler"] = placement.Handler.ToString(),
                ["options"] = new JsonArray(),
                ["title"] = placement.Title,
                ["description"] = placement.Description,
                ["groupName"] = placement.GroupName,
            });
        }

        return SandboxCallResult.Ok(rows);
    }

    // placement-unbind.md answers {"count": n}; without HANDLER every handler of the placement goes.
    public static SandboxCallResult Unbind(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(SandboxError.WrongAuthType);
        }

        var code = Text(parameters, "PLACEMENT");
        var hasHandler = EventMethods.TryHandler(parameters, "HANDLER", out var handler);
        var removed = portal.PlacementList.RemoveAll(p =>
            string.Equals(p.Placement, code, StringComparison.OrdinalIgnoreCase) && (!hasHandler || p.Handler == handler));
        return SandboxCallResult.Ok(new JsonObject { ["count"] = removed });
    }

    private static string Text(JsonObject parameters, string key) =>
        SandboxParams.AsString(SandboxParams.Get(parameters, key))?.Trim() ?? string.Empty;
}
