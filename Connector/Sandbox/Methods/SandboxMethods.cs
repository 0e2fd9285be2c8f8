namespace Connector.Sandbox.Methods;

/// <summary>The REST methods the sandbox serves; names are case-insensitive like Bitrix24's.</summary>
public static class SandboxMethods
{
    public const string Batch = "batch";

    private static readonly Dictionary<string, SandboxMethod> Handlers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["app.info"] = AppInfoMethod.Run,
        ["crm.contact.list"] = ContactListMethod.Run,
        ["crm.contact.add"] = ContactCrudMethods.Add,
        ["crm.contact.update"] = ContactCrudMethods.Update,
        ["crm.contact.delete"] = ContactCrudMethods.Delete,
        ["crm.contact.get"] = ContactCrudMethods.Get,
        ["crm.deal.add"] = DealCrudMethods.Add,
        ["crm.deal.update"] = DealCrudMethods.Update,
        ["crm.deal.delete"] = DealCrudMethods.Delete,
        ["crm.deal.get"] = DealCrudMethods.Get,
        ["crm.item.list"] = ItemListMethod.Run,
        ["crm.activity.todo.add"] = TodoMethods.Add,
        ["crm.activity.list"] = TodoMethods.List,
        ["crm.category.list"] = CategoryListMethod.Run,
        ["crm.status.list"] = StatusListMethod.Run,
        ["crm.stagehistory.list"] = StageHistoryListMethod.Run,
        ["event.bind"] = EventMethods.Bind,
        ["event.get"] = EventMethods.Get,
        ["event.unbind"] = EventMethods.Unbind,
        ["placement.bind"] = PlacementMethods.Bind,
        ["placement.get"] = PlacementMethods.Get,
        ["placement.unbind"] = PlacementMethods.Unbind,
        ["user.current"] = UserMethods.Current,
        ["user.admin"] = UserMethods.Admin,
        ["user.get"] = UserMethods.Get,
        ["server.time"] = ServerTimeMethod.Run,
        ["crm.timeline.logmessage.add"] = TimelineMethods.LogMessageAdd,
        ["crm.timeline.logmessage.get"] = TimelineMethods.LogMessageGet,
        ["crm.timeline.logmessage.list"] = TimelineMethods.LogMessageList,
        ["crm.timeline.comment.add"] = TimelineMethods.CommentAdd,
        ["crm.timeline.comment.list"] = TimelineMethods.CommentList,
        ["crm.contact.userfield.add"] = UserFieldMethods.Add,
        ["crm.contact.userfield.list"] = UserFieldMethods.List,
        ["crm.deal.userfield.list"] = UserFieldMethods.DealList,
        ["crm.automation.trigger.add"] = TriggerMethods.Add,
        ["crm.automation.trigger.list"] = TriggerMethods.List,
        ["crm.automation.trigger.delete"] = TriggerMethods.Delete,
        ["crm.automation.trigger.execute"] = TriggerMethods.Execute,
        ["bizproc.robot.add"] = RobotMethods.Add,
        ["bizproc.robot.update"] = RobotMethods.Update,
        ["bizproc.robot.list"] = RobotMethods.List,
        ["bizproc.robot.delete"] = RobotMethods.Delete,
        ["bizproc.event.send"] = RobotMethods.EventSend,
    };

    /// <summary>Strips an optional <c>.json</c> suffix and finds the handler and the canonical method name.</summary>
    public static bool TryResolve(string requested, out string name, out SandboxMethod? handler)
    {
        var trimmed = requested.Trim().Trim('/');
        if (trimmed.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^5];
        }

        if (string.Equals(trimmed, Batch, StringComparison.OrdinalIgnoreCase))
        {
            name = Batch;
            handler = null;
            return true;
        }

        if (Handlers.TryGetValue(trimmed, out handler))
        {
            name = Handlers.Keys.First(k => string.Equals(k, trimmed, StringComparison.OrdinalIgnoreCase));
            return true;
        }

        name = trimmed;
        return false;
    }
}
