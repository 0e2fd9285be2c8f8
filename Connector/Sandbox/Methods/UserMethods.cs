using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// user.current (api-reference/user/user-current.md): the user whose token (or webhook) made the call; user.admin
/// (api-reference/common/users/user-admin.md): may that user manage apps, a bare true/false; user.get
/// (api-reference/user/user-get.md): users by FILTER (ID, @ID, ACTIVE), pages of 50 by <c>start</c>, ID a string and
/// ACTIVE a boolean as the page's example shows. Scope user_brief is in the app's scope.
/// </summary>
public static class UserMethods
{
    public const int PageSize = 50;

    public static SandboxCallResult Admin(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return SandboxCallResult.Ok(JsonValue.Create(portal.CallerUser.IsAdmin));
    }

    public static SandboxCallResult Current(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var user = Wire(portal.CallerUser);
        user["LAST_LOGIN"] = "2024-07-23T08:07:26+00:00";
        user["LAST_ACTIVITY_DATE"] = "2024-07-23 08:08:50";
        return SandboxCallResult.Ok(user);
    }

    public static SandboxCallResult Get(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(parameters);
        var filter = (SandboxParams.Get(parameters, "FILTER") ?? SandboxParams.Get(parameters, "filter")) as JsonObject ?? [];
        IEnumerable<SandboxUser> users = portal.Users;
        foreach (var (key, value) in filter)
        {
            users = key.ToUpperInvariant() switch
            {
                "ID" => users.Where(u => SandboxParams.AsLong(value) == u.Id),
                "@ID" => users.Where(u => SandboxParams.AsStrings(value).Contains(SandboxParams.Text(u.Id))),
                "ACTIVE" => users.Where(u => u.Active == SandboxParams.IsTruthy(value)),
                _ => users,
            };
        }

        var all = users.OrderBy(u => u.Id).ToList();
        var start = (int)Math.Max(0, SandboxParams.AsLong(SandboxParams.Get(parameters, "start")) ?? 0);
        var rows = new JsonArray(all.Skip(start).Take(PageSize).Select(u => (JsonNode)Wire(u)).ToArray());
        var next = start + PageSize < all.Count ? start + PageSize : (int?)null;
        return new SandboxCallResult(rows, all.Count, next, rows.Count, null);
    }

    private static JsonObject Wire(SandboxUser user) => new()
    {
        ["ID"] = SandboxParams.Text(user.Id),
        ["ACTIVE"] = user.Active,
        ["NAME"] = user.Name,
        ["LAST_NAME"] = user.LastName,
        ["SECOND_NAME"] = "",
        ["EMAIL"] = user.Email,
        ["DATE_REGISTER"] = "2024-07-22T00:00:00+00:00",
        ["IS_ONLINE"] = "Y",
        ["PERSONAL_GENDER"] = "",
        ["PERSONAL_BIRTHDAY"] = "",
        ["WORK_POSITION"] = user.WorkPosition,
        ["UF_EMPLOYMENT_DATE"] = "",
        ["UF_DEPARTMENT"] = new JsonArray(1),
        ["USER_TYPE"] = "employee",
    };
}
