using System.Globalization;
using Connector.Crm.Bitrix24.Reading;
using Connector.Timeline;

namespace Connector.Crm.Bitrix24.Timeline;

/// <summary>
/// One batch command per write. App: crm.timeline.logmessage.add {fields{entityTypeId, entityId, title, text, iconCode}}
/// (api-reference/crm/timeline/logmessage/crm-timeline-logmessage-add.md). Webhook: crm.timeline.comment.add
/// {fields{ENTITY_ID, ENTITY_TYPE, COMMENT}} — lower-case <c>fields</c> only (…/comments/crm-timeline-comment-add.md).
/// Opt-out: crm.contact.update with the field set to 1 and no history entry (crm/contacts/crm-contact-update.md).
/// Trigger: crm.automation.trigger.execute {CODE, OWNER_TYPE_ID 2, OWNER_ID} (…/triggers/crm-automation-trigger-execute.md).
/// </summary>
public static class Bitrix24TimelineCommands
{
    public const string OptOutField = "UF_CRM_ESP_UNSUBSCRIBED";
    public const string LogMessageAdd = "crm.timeline.logmessage.add";
    public const string LogMessageList = "crm.timeline.logmessage.list";
    public const string CommentAdd = "crm.timeline.comment.add";
    public const string CommentList = "crm.timeline.comment.list";
    public const string TriggerExecute = "crm.automation.trigger.execute";

    // crm.enum.ownertype: 2 deal, 3 contact (api-reference/crm/data-types.md#object_type).
    public const int DealType = 2;
    public const int ContactType = 3;

    public static Bitrix24BatchCommand For(string key, CrmTimelineWrite write, bool app)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (type, id) = Target(write);
        var title = Bitrix24TimelineText.Escape(write.Title, Bitrix24TimelineText.MaxTitle);
        var text = Bitrix24TimelineText.Escape(write.Text, Bitrix24TimelineText.MaxText);
        return write.Action switch
        {
            TimelineAction.LogContact or TimelineAction.LogDeal when app => new(key, LogMessageAdd, new BatchQuery()
                .Add("fields[entityTypeId]", type).Add("fields[entityId]", id).Add("fields[title]", title).Add("fields[text]", text)
                .Add("fields[iconCode]", "info").ToString()),
            TimelineAction.LogContact or TimelineAction.LogDeal => new(key, CommentAdd, new BatchQuery()
                .Add("fields[ENTITY_ID]", id).Add("fields[ENTITY_TYPE]", type == DealType ? "deal" : "contact")
                .Add("fields[COMMENT]", CommentOf(title, text)).ToString()),
            TimelineAction.OptOut => new(key, "crm.contact.update", new BatchQuery()
                .Add("id", write.ContactId).Add($"fields[{OptOutField}]", 1)
                .Add("params[REGISTER_SONET_EVENT]", "N").Add("params[REGISTER_HISTORY_EVENT]", "N").ToString()),
            TimelineAction.Trigger => new(key, TriggerExecute, new BatchQuery()
                .Add("CODE", Bitrix24Triggers.CodeFor(write.Kind) ?? throw new ArgumentException($"{write.Kind} has no trigger", nameof(write)))
                .Add("OWNER_TYPE_ID", DealType).Add("OWNER_ID", write.DealId ?? 0).ToString()),
            _ => throw new ArgumentOutOfRangeException(nameof(write), write.Action, null),
        };
    }

    /// <summary>The newest page of the record's own entries, to find a write whose answer was lost.</summary>
    public static Bitrix24BatchCommand Find(string key, CrmTimelineWrite write, bool app)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (type, id) = Target(write);
        return app
            ? new(key, LogMessageList, new BatchQuery().Add("entityTypeId", type).Add("entityId", id).Add("order[id]", "desc").ToString())
            : new(key, CommentList, new BatchQuery().Add("filter[ENTITY_ID]", id).Add("filter[ENTITY_TYPE]", type == DealType ? "deal" : "contact")
                .Add("order[ID]", "DESC").ToString());
    }

    public static string CommentOf(string title, string text) => $"{title}\n{text}";

    public static string Key(int index) => "t" + index.ToString(CultureInfo.InvariantCulture);

    private static (int Type, long Id) Target(CrmTimelineWrite write) =>
        write.Action == TimelineAction.LogDeal ? (DealType, write.DealId ?? 0) : (ContactType, write.ContactId);
}
