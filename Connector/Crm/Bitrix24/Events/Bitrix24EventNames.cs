using Connector.Sync;

namespace Connector.Crm.Bitrix24.Events;

/// <summary>The events the connector binds (api-reference/crm/*/events) and what each means for the mirror.</summary>
public static class Bitrix24EventNames
{
    public const string AppInstall = "ONAPPINSTALL";
    public const string AppUninstall = "ONAPPUNINSTALL";

    private static readonly Dictionary<string, (CrmRecordKind Kind, CrmChangeType Type)> Changes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ONCRMCONTACTADD"] = (CrmRecordKind.Contact, CrmChangeType.Upsert),
        ["ONCRMCONTACTUPDATE"] = (CrmRecordKind.Contact, CrmChangeType.Upsert),
        ["ONCRMCONTACTDELETE"] = (CrmRecordKind.Contact, CrmChangeType.Delete),
        ["ONCRMDEALADD"] = (CrmRecordKind.Deal, CrmChangeType.Upsert),
        ["ONCRMDEALUPDATE"] = (CrmRecordKind.Deal, CrmChangeType.Upsert),
        // A move to another pipeline fires only this event, never ONCRMDEALUPDATE (on-crm-deal-move-to-category.md).
        ["ONCRMDEALMOVETOCATEGORY"] = (CrmRecordKind.Deal, CrmChangeType.Upsert),
        ["ONCRMDEALDELETE"] = (CrmRecordKind.Deal, CrmChangeType.Delete),
    };

    public static bool TryGetChange(string eventName, out CrmRecordKind kind, out CrmChangeType type)
    {
        var found = Changes.TryGetValue(eventName, out var change);
        (kind, type) = change;
        return found;
    }
}
