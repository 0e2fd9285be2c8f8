namespace Connector.Sandbox.Events;

/// <summary>
/// The events the sandbox can bind and fire (api-reference/crm/contacts/events/index.md, crm/deals/events/index.md,
/// api-reference/common/events/on-app-uninstall.md). Names are upper case on the wire; binding is case-insensitive.
/// </summary>
public static class SandboxEventNames
{
    public const string ContactAdd = "ONCRMCONTACTADD";
    public const string ContactUpdate = "ONCRMCONTACTUPDATE";
    public const string ContactDelete = "ONCRMCONTACTDELETE";
    public const string DealAdd = "ONCRMDEALADD";
    public const string DealUpdate = "ONCRMDEALUPDATE";
    public const string DealDelete = "ONCRMDEALDELETE";
    public const string DealMoveToCategory = "ONCRMDEALMOVETOCATEGORY";
    public const string AppInstall = "ONAPPINSTALL";
    public const string AppUninstall = "ONAPPUNINSTALL";

    public static readonly IReadOnlySet<string> Bindable = new HashSet<string>(
        [ContactAdd, ContactUpdate, ContactDelete, DealAdd, DealUpdate, DealDelete, DealMoveToCategory, AppUninstall],
        StringComparer.OrdinalIgnoreCase);

    // on-crm-deal-move-to-category.md: the move-to-pipeline event is for apps only, not outgoing webhooks.
    public static bool AllowedForOutgoingWebhook(string name) =>
        Bindable.Contains(name) && !string.Equals(name, DealMoveToCategory, StringComparison.OrdinalIgnoreCase);
}
