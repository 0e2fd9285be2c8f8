namespace Connector.Sandbox;

/// <summary>
/// A user field of contacts (<c>CRM_CONTACT</c>) or deals (<c>CRM_DEAL</c>): one the portal was set up with
/// (<see cref="SandboxUserFields.Definitions"/>) or one created through crm.contact.userfield.add. <paramref name="Label"/>
/// is the add call's LABEL (every language's label); <paramref name="Labels"/> the names per language a portal admin gave.
/// </summary>
public sealed record SandboxUserFieldRow(
    long Id, string FieldName, string UserTypeId, string XmlId, string Label, string ShowFilter, int DefaultValue,
    string EntityId = "CRM_CONTACT", string Multiple = "N", IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>The field's label in <paramref name="lang"/>: its own for that language, else the add call's LABEL, else empty.</summary>
    public string LabelIn(string lang) => Labels is not null && Labels.TryGetValue(lang, out var label) ? label : Label;
}
