using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.activity.todo.add (api-reference/crm/timeline/activities/todo/crm-activity-todo-add.md): ownerTypeId, ownerId
/// and deadline required (code 100), the owner must exist (NOT_FOUND "Not found."), deadline an ISO-8601 datetime
/// (WRONG_DATETIME_FORMAT); answers <c>{"id": N}</c>. responsibleId defaults to the calling user. crm.activity.list with
/// <c>filter{OWNER_TYPE_ID, OWNER_ID}</c> reads them back with PROVIDER_ID CRM_TODO (…/activity-base/crm-activity-list.md),
/// every number as a string.
/// </summary>
public static class TodoMethods
{
    public static SandboxCallResult Add(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        foreach (var name in new[] { "ownerTypeId", "ownerId", "deadline" })
        {
            if (SandboxParams.Get(parameters, name) is null)
            {
                return SandboxCallResult.Fail(new SandboxError(400, "100", $"Could not find value for parameter {{{name}}}"));
            }
        }

        var type = (int)(SandboxParams.AsLong(SandboxParams.Get(parameters, "ownerTypeId")) ?? 0);
        var owner = SandboxParams.AsLong(SandboxParams.Get(parameters, "ownerId")) ?? 0;
        if (!portal.OwnerExists(type, owner))
        {
            return SandboxCallResult.Fail(new SandboxError(400, "NOT_FOUND", "Not found."));
        }

        var deadline = SandboxParams.AsString(SandboxParams.Get(parameters, "deadline")) ?? "";
        if (!DateTimeOffset.TryParse(deadline, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return SandboxCallResult.Fail(new SandboxError(400, "WRONG_DATETIME_FORMAT", "Wrong datetime format"));
        }

        var todo = new SandboxTodo(portal.NextTodoId(), type, owner, deadline,
            SandboxParams.AsString(SandboxParams.Get(parameters, "title")) ?? "", SandboxParams.AsString(SandboxParams.Get(parameters, "description")) ?? "",
            SandboxParams.AsLong(SandboxParams.Get(parameters, "responsibleId")) ?? portal.Options.WebhookUserId, portal.Now);
        portal.TodoList.Add(todo);
        return SandboxCallResult.Ok(new JsonObject { ["id"] = todo.Id });
    }

    public static SandboxCallResult List(SandboxPortal portal, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var filter = SandboxParams.Get(parameters, "filter") as JsonObject;
        var type = SandboxParams.AsLong(filter is null ? null : SandboxParams.Get(filter, "OWNER_TYPE_ID"));
        var owner = SandboxParams.AsLong(filter is null ? null : SandboxParams.Get(filter, "OWNER_ID"));
        var rows = portal.TodoList.Where(t => (type is null || t.OwnerTypeId == type) && (owner is null || t.OwnerId == owner)).ToList();
        var array = new JsonArray();
        foreach (var t in rows.Take(50))
        {
            array.Add(new JsonObject
            {
                ["ID"] = SandboxParams.Text(t.Id), ["OWNER_TYPE_ID"] = SandboxParams.Text(t.OwnerTypeId), ["OWNER_ID"] = SandboxParams.Text(t.OwnerId),
                ["PROVIDER_ID"] = "CRM_TODO", ["PROVIDER_TYPE_ID"] = "TODO", ["SUBJECT"] = t.Title, ["DESCRIPTION"] = t.Description,
                ["DEADLINE"] = t.Deadline, ["RESPONSIBLE_ID"] = SandboxParams.Text(t.ResponsibleId), ["COMPLETED"] = "N",
            });
        }

        return new SandboxCallResult(array, rows.Count, rows.Count > 50 ? 50 : null, Math.Min(rows.Count, 50), null);
    }
}
