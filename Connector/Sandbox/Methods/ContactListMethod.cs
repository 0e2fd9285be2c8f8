using System.Text.Json.Nodes;
using Connector.Sandbox.Listing;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>crm.contact.list (legacy; api-reference/crm/contacts/crm-contact-list.md).</summary>
public static class ContactListMethod
{
    public static readonly IReadOnlyDictionary<string, SandboxField<SandboxContact>> Fields =
        new Dictionary<string, SandboxField<SandboxContact>>(StringComparer.OrdinalIgnoreCase)
        {
            ["ID"] = SandboxField<SandboxContact>.Number("ID", c => c.Id),
            ["NAME"] = SandboxField<SandboxContact>.Text("NAME", c => c.Name),
            ["SECOND_NAME"] = SandboxField<SandboxContact>.Text("SECOND_NAME", c => c.SecondName),
            ["LAST_NAME"] = SandboxField<SandboxContact>.Text("LAST_NAME", c => c.LastName),
            ["ASSIGNED_BY_ID"] = SandboxField<SandboxContact>.Number("ASSIGNED_BY_ID", c => c.AssignedById),
            ["EXPORT"] = SandboxField<SandboxContact>.Text("EXPORT", c => SandboxParams.YesNo(c.Export)),
            ["HAS_EMAIL"] = SandboxField<SandboxContact>.Text("HAS_EMAIL", c => SandboxParams.YesNo(c.Emails.Count > 0)),
            ["DATE_CREATE"] = SandboxField<SandboxContact>.Date("DATE_CREATE", c => c.DateCreate),
            ["DATE_MODIFY"] = SandboxField<SandboxContact>.Date("DATE_MODIFY", c => c.DateModify),

            // Multi-field filters match exactly only (crm-contact-list.md).
            ["EMAIL"] = SandboxField<SandboxContact>.Texts("EMAIL", c => c.Emails.Select(e => e.Value)),
        };

    public static SandboxCallResult Run(SandboxPortal portal, JsonObject parameters)
    {
        var page = SandboxLister.Page(
            portal.ContactList,
            c => c.Id,
            "ID",
            SandboxFilter.Parse(SandboxParams.Get(parameters, "filter"), Fields),
            SandboxOrder<SandboxContact>.Parse(SandboxParams.Get(parameters, "order"), Fields),
            SandboxParams.AsLong(SandboxParams.Get(parameters, "start")) ?? 0);
        var select = SandboxSelect.Parse(SandboxParams.Get(parameters, "select"));
        return SandboxCallResult.List(new JsonArray([.. page.Rows.Select(c => (JsonNode)ContactWire.ToLegacy(c, select))]), page);
    }
}
