using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.timeline.logmessage.add/get/list (api-reference/crm/timeline/logmessage/crm-timeline-logmessage-add.md, -get.md,
/// -list.md) and crm.timeline.comment.add/list (…/comments/crm-timeline-comment-add.md, -list.md). A log message is an
/// app's record: the server stores the caller's CLIENT_ID with it and checks admin rights (CORE logmessage.php), so
/// through a webhook (no client id) the sandbox refuses add with ACCESS_DENIED "Application context required" — the
/// answer the docs give webhooks for other app-only CRM methods (…/activities/app-embedding/activity-app.md); reading
/// needs only read access. Comments may be written by anyone; only a lower-case <c>fields</c> is read (since crm 23.100.0).
/// </summary>
public static class TimelineMethods
{
    public static readonly SandboxError AppContextRequired = new(403, "ACCESS_DENIED", "Access denied! Application context required");
    public static readonly SandboxError OwnerNotFound = new(400, "OWNER_NOT_FOUND", "Owner not found");

    private const int LogMessagePage = 10;
    private const int CommentPage = 50;

    public static SandboxCallResult LogMessageAdd(SandboxPortal portal, JsonObject parameters)
    {
        if (!portal.IsAppContext)
        {
            return SandboxCallResult.Fail(AppContextRequired);
        }

        if (SandboxParams.Get(parameters, "fields") is not JsonObject fields)
        {
            return SandboxCallResult.Fail(new SandboxError(400, "100", "Could not find value for parameter {fields}"));
        }

        // Only an absent field or null fails (PHP isset): "" passes. The first missing one is reported.
        foreach (var name in new[] { "entityTypeId", "entityId", "title", "text", "iconCode" })
        {
            if (SandboxParams.Get(fields, name) is null)
            {
                return SandboxCallResult.Fail(new SandboxError(400, "100", $"Missing a required field: {name}"));
            }
        }

        var type = (int)(SandboxParams.AsLong(SandboxParams.Get(fields, "entityTypeId")) ?? 0);
        var id = SandboxParams.AsLong(SandboxParams.Get(fields, "entityId")) ?? 0;
        if (!portal.OwnerExists(type, id))
        {
            return SandboxCallResult.Fail(OwnerNotFound);
        }

        var entry = new SandboxTimelineEntry(portal.NextTimelineId(), true, type, id, Text(fields, "title"), Text(fields, "text"), Text(fields, "iconCode"), portal.Options.WebhookUserId, portal.Now);
        portal.TimelineList.Add(entry);
        return SandboxCallResult.Ok(new JsonObject { ["logMessage"] = LogMessage(entry) });
    }

    public static SandboxCallResult LogMessageGet(SandboxPortal portal, JsonObject parameters)
    {
        var id = SandboxParams.AsLong(SandboxParams.Get(parameters, "id")) ?? 0;
        return portal.TimelineList.FirstOrDefault(e => e.IsLogMessage && e.Id == id) is { } entry
            ? SandboxCallResult.Ok(new JsonObject { ["logMessage"] = LogMessage(entry) })
            : SandboxCallResult.Fail(new SandboxError(400, "NOT_FOUND", $"Timeline logmessage not found for id `{id.ToString(CultureInfo.InvariantCulture)}`"));
    }

    /// <summary>Pages of 10, <c>order{id|created: asc|desc}</c> (default id desc), the docs' bare-array result.</summary>
    public static SandboxCallResult LogMessageList(SandboxPortal portal, JsonObject parameters)
    {
        foreach (var name in new[] { "entityTypeId", "entityId" })
        {
            if (SandboxParams.Get(parameters, name) is null)
            {
                return SandboxCallResult.Fail(new SandboxError(400, "100", $"Could not find value for parameter {{{name}}}"));
            }
        }

        var type = (int)(SandboxParams.AsLong(SandboxParams.Get(parameters, "entityTypeId")) ?? 0);
        var id = SandboxParams.AsLong(SandboxParams.Get(parameters, "entityId")) ?? 0;
        var ascending = SandboxParams.Get(parameters, "order") is JsonObject order
            && order.Select(p => SandboxParams.AsString(p.Value)).FirstOrDefault() == "asc"
            && order.Select(p => p.Key).First() is "id" or "created";
        var rows = portal.TimelineList.Where(e => e.IsLogMessage && e.EntityTypeId == type && e.EntityId == id);
        rows = ascending ? rows.OrderBy(e => e.Id) : rows.OrderByDescending(e => e.Id);
        return Page(rows.ToList(), LogMessagePage, parameters, LogMessage);
    }

    public static SandboxCallResult CommentAdd(SandboxPortal portal, JsonObject parameters)
    {
        // The parsed parameters may compare keys case-insensitively; the server's binder does not.
        if (parameters.FirstOrDefault(p => string.Equals(p.Key, "fields", StringComparison.Ordinal)).Value is not JsonObject fields)
        {
            return SandboxCallResult.Fail(new SandboxError(400, "100", "Could not find value for parameter {fields}"));
        }

        var id = SandboxParams.AsLong(SandboxParams.Get(fields, "ENTITY_ID")) ?? 0;
        var type = TypeId(SandboxParams.AsString(SandboxParams.Get(fields, "ENTITY_TYPE")));
        var comment = SandboxParams.AsString(SandboxParams.Get(fields, "COMMENT")) ?? string.Empty;
        if (comment.Trim().Length == 0)
        {
            return SandboxCallResult.Fail(SandboxError.InvalidArgument("Empty comment message."));
        }

        if (!portal.OwnerExists(type, id))
        {
            return SandboxCallResult.Fail(OwnerNotFound);
        }

        var entry = new SandboxTimelineEntry(portal.NextTimelineId(), false, type, id, string.Empty, comment, string.Empty, portal.Options.WebhookUserId, portal.Now);
        portal.TimelineList.Add(entry);
        return SandboxCallResult.Ok(entry.Id);
    }

    /// <summary>filter{ENTITY_ID*, ENTITY_TYPE*}, order by ID/CREATED/AUTHOR_ID, pages of 50; numbers as strings.</summary>
    public static SandboxCallResult CommentList(SandboxPortal portal, JsonObject parameters)
    {
        var filter = SandboxParams.Get(parameters, "filter") as JsonObject ?? [];
        var id = SandboxParams.AsLong(SandboxParams.Get(filter, "ENTITY_ID"));
        var type = TypeId(SandboxParams.AsString(SandboxParams.Get(filter, "ENTITY_TYPE")));
        if (id is null || type == 0)
        {
            return SandboxCallResult.Fail(new SandboxError(400, string.Empty, "ENTITY_ID and ENTITY_TYPE are required in the filter."));
        }

        var descending = SandboxParams.Get(parameters, "order") is JsonObject order
            && string.Equals(order.Select(p => SandboxParams.AsString(p.Value)).FirstOrDefault(), "DESC", StringComparison.OrdinalIgnoreCase);
        var rows = portal.TimelineList.Where(e => !e.IsLogMessage && e.EntityTypeId == type && e.EntityId == id);
        rows = descending ? rows.OrderByDescending(e => e.Id) : rows.OrderBy(e => e.Id);
        return Page(rows.ToList(), CommentPage, parameters, e => new JsonObject
        {
            ["ID"] = SandboxParams.Text(e.Id),
            ["ENTITY_ID"] = SandboxParams.Text(e.EntityId),
            ["ENTITY_TYPE"] = e.EntityTypeId == 2 ? "deal" : "contact",
            ["CREATED"] = SandboxDates.Format(e.Created),
            ["COMMENT"] = e.Text,
            ["AUTHOR_ID"] = SandboxParams.Text(e.AuthorId),
            ["FILES"] = new JsonObject(),
        });
    }

    private static SandboxCallResult Page(List<SandboxTimelineEntry> rows, int size, JsonObject parameters, Func<SandboxTimelineEntry, JsonObject> map)
    {
        var start = (int)Math.Max(0, SandboxParams.AsLong(SandboxParams.Get(parameters, "start")) ?? 0);
        var page = rows.Skip(start).Take(size).ToList();
        var result = new JsonArray([.. page.Select(map)]);
        int? next = start + size < rows.Count ? start + size : null;
        return new SandboxCallResult(result, rows.Count, next, page.Count, null);
    }

    private static JsonObject LogMessage(SandboxTimelineEntry entry) => new()
    {
        ["id"] = entry.Id,
        ["created"] = SandboxDates.Format(entry.Created),
        ["authorId"] = entry.AuthorId,
        ["title"] = entry.Title,
        ["text"] = entry.Text,
        ["iconCode"] = entry.IconCode,
    };

    private static int TypeId(string? entityType) => entityType?.ToLowerInvariant() switch
    {
        "deal" => 2,
        "contact" => 3,
        _ => 0,
    };

    private static string Text(JsonObject fields, string name) => SandboxParams.AsString(SandboxParams.Get(fields, name)) ?? string.Empty;
}
