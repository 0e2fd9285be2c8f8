using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// user.current (api-reference/user/user-current.md): the user whose token (or webhook) made the call. Every sandbox
/// token belongs to the admin who installed the app (the grants' user_id), so that is who answers; ID is a string,
/// the flags and dates as the page's example shows. Scope user_brief is in the app's scope.
/// </summary>
public static class UserMethods
{
    /// <summary>user.admin (api-reference/common/users/user-admin.md): may the caller manage apps; a bare true/false.</summary>
    public static SandboxCallResult Admin(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return SandboxCallResult.Ok(JsonValue.Create(true));
    }

    public static SandboxCallResult Current(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return SandboxCallResult.Ok(new JsonObject
        {
            ["ID"] = SandboxParams.Text(portal.Options.WebhookUserId),
            ["ACTIVE"] = true,
            ["NAME"] = "Sandbox",
            ["LAST_NAME"] = "Admin",
            ["EMAIL"] = "admin@sandbox.example",
            ["LAST_LOGIN"] = "2024-07-23T08:07:26+00:00",
            ["DATE_REGISTER"] = "2024-07-22T00:00:00+00:00",
            ["IS_ONLINE"] = "Y",
            ["LAST_ACTIVITY_DATE"] = "2024-07-23 08:08:50",
            ["PERSONAL_GENDER"] = "",
            ["PERSONAL_BIRTHDAY"] = "",
            ["WORK_POSITION"] = "",
            ["UF_EMPLOYMENT_DATE"] = "",
            ["UF_DEPARTMENT"] = new JsonArray(1),
        });
    }
}
