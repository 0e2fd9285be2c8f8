using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Connector.Sandbox;

/// <summary>
/// The sandbox portal's user fields and their wire shapes. Legacy methods (crm.contact.list with <c>UF_*</c>,
/// crm.contact.get, crm.deal.get) name them <c>UF_CRM_…</c> and send strings, numbers as strings, multiple fields as
/// arrays and empty fields as <c>""</c>, <c>null</c> or <c>false</c> (api-reference/crm/contacts/crm-contact-get.md:
/// <c>"UF_CRM_1720697698689": "Example value…"</c>; crm/deals/crm-deal-get.md: <c>"UF_CRM_1721244482250": "Hello world!"</c>).
/// crm.item.* name them in camelCase (<c>UF_CRM_2_1639669411830</c> → <c>ufCrm2_1639669411830</c>,
/// <c>UF_CRM_1720019876534</c> → <c>ufCrm_1720019876534</c>) unless <c>useOriginalUfNames=Y</c>
/// (api-reference/crm/universal/crm-item-list.md, crm-item-get.md).
/// </summary>
public static class SandboxUserFields
{
    public const string City = "UF_CRM_CITY";
    public const string Locale = "UF_CRM_LOCALE";
    public const string Interests = "UF_CRM_INTERESTS";
    public const string Points = "UF_CRM_1720697698689";
    public const string PromoCode = "UF_CRM_PROMO_CODE";
    public const string DeliveryDate = "UF_CRM_1721244482250";

    public static IReadOnlyDictionary<string, JsonNode?> None { get; } = FrozenDictionary<string, JsonNode?>.Empty;

    /// <summary>
    /// The fields as the portal's admin set them up: type, multiple or not, and the names in Russian and English that
    /// crm.contact.userfield.list and crm.deal.userfield.list answer with <c>filter[LANG]</c>.
    /// </summary>
    public static IReadOnlyList<SandboxUserFieldRow> Definitions { get; } =
    [
        Definition(100, City, "string", "CRM_CONTACT", "N", "Город", "City"),
        Definition(101, Locale, "string", "CRM_CONTACT", "N", "Язык переписки", "Preferred language"),
        Definition(102, Interests, "string", "CRM_CONTACT", "Y", "Интересы", "Interests"),
        Definition(103, Points, "double", "CRM_CONTACT", "N", "Бонусные баллы", "Loyalty points"),
        Definition(110, PromoCode, "string", "CRM_DEAL", "N", "Промокод", "Promo code"),
        Definition(111, DeliveryDate, "date", "CRM_DEAL", "N", "Дата доставки", "Delivery date"),
    ];

    /// <summary>Whether the portal was set up with this field (rather than an app adding it).</summary>
    public static bool IsDefined(string name) => Definitions.Any(d => d.FieldName == name);

    private static SandboxUserFieldRow Definition(long id, string name, string type, string entity, string multiple, string ru, string en) =>
        new(id, name, type, "", "", "E", 0, entity, multiple, new Dictionary<string, string>(StringComparer.Ordinal) { ["ru"] = ru, ["en"] = en });

    /// <summary>Every contact carries every contact field (a portal answers <c>UF_*</c> with all of them, empty or not).</summary>
    public static IReadOnlyList<string> ContactFields { get; } = [City, Locale, Interests, Points];

    public static IReadOnlyList<string> DealFields { get; } = [PromoCode, DeliveryDate];

    /// <summary>Keys of a crm.*.add/update <c>fields</c> object that are user fields.</summary>
    public static bool IsUserField(string name) => name.StartsWith("UF_", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyDictionary<string, JsonNode?> Merge(IReadOnlyDictionary<string, JsonNode?> existing, IReadOnlyDictionary<string, JsonNode?>? changes)
    {
        if (changes is null)
        {
            return existing;
        }

        var merged = existing.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            merged[name.ToUpperInvariant()] = value?.DeepClone();
        }

        return merged;
    }

    /// <summary>Adds the fields to a wire row: all declared ones (empty as <c>null</c> when a record never had them), then any other.</summary>
    public static void Write(JsonObject row, IReadOnlyDictionary<string, JsonNode?> values, IReadOnlyList<string> declared, bool camelCase, Func<string, bool>? include = null)
    {
        foreach (var name in declared.Concat(values.Keys.Where(k => !declared.Contains(k))).Where(n => include?.Invoke(n) ?? true))
        {
            row[camelCase ? ToCamel(name) : name] = values.TryGetValue(name, out var value) ? value?.DeepClone() : null;
        }
    }

    /// <summary>The crm.item name of a user field: UF_CRM_2_1639669411830 → ufCrm2_1639669411830, UF_CRM_CITY → ufCrmCity.</summary>
    public static string ToCamel(string name)
    {
        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var result = new System.Text.StringBuilder("uf");
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            var numeric = part.All(char.IsAsciiDigit);
            if (numeric && !(i == 2 && i + 1 < parts.Length))
            {
                result.Append('_').Append(part);
            }
            else
            {
                result.Append(char.ToUpperInvariant(part[0])).Append(part[1..].ToLowerInvariant());
            }
        }

        return result.ToString();
    }
}
