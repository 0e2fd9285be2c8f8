namespace Connector.Sync;

/// <summary>
/// A custom field's name in one language, as the portal's users gave it: whose field it is (<c>contact</c> or
/// <c>deal</c>), its code (<c>UF_CRM_…</c>), its type (<c>string</c>, <c>enumeration</c>, …), the language and the label.
/// </summary>
public sealed record CrmFieldLabel(string Owner, string Code, string Type, string Lang, string Label);
