using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// Contact rows on the wire. Legacy crm.contact.*: UPPER_CASE, numbers as strings, Y/N, EMAIL as
/// <c>{ID,VALUE_TYPE,VALUE,TYPE_ID}</c> (api-reference/crm/contacts/crm-contact-get.md). crm.item (entityTypeId 3):
/// camelCase, integers, <c>fm</c> only with <c>*</c> (api-reference/crm/universal/crm-item-list.md). User fields as
/// <see cref="SandboxUserFields"/> describes.
/// </summary>
public static class ContactWire
{
    private static readonly (string Name, Func<SandboxContact, JsonNode?> Value)[] LegacyFields =
    [
        ("ID", c => SandboxParams.Text(c.Id)),
        ("NAME", c => c.Name),
        ("SECOND_NAME", c => c.SecondName),
        ("LAST_NAME", c => c.LastName),
        ("TYPE_ID", _ => "CLIENT"),
        ("SOURCE_ID", _ => "SELF"),
        ("EXPORT", c => SandboxParams.YesNo(c.Export)),
        ("HAS_EMAIL", c => SandboxParams.YesNo(c.Emails.Count > 0)),
        ("HAS_PHONE", _ => "N"),
        ("OPENED", _ => "Y"),
        ("ASSIGNED_BY_ID", c => SandboxParams.Text(c.AssignedById)),
        ("CREATED_BY_ID", c => SandboxParams.Text(c.AssignedById)),
        ("MODIFY_BY_ID", c => SandboxParams.Text(c.AssignedById)),
        ("DATE_CREATE", c => SandboxDates.Format(c.DateCreate)),
        ("DATE_MODIFY", c => SandboxDates.Format(c.DateModify)),
    ];

    private static readonly (string Name, Func<SandboxContact, JsonNode?> Value)[] ItemFields =
    [
        ("id", c => c.Id),
        ("name", c => c.Name),
        ("secondName", c => c.SecondName),
        ("lastName", c => c.LastName),
        ("typeId", _ => "CLIENT"),
        ("export", c => SandboxParams.YesNo(c.Export)),
        ("hasEmail", c => SandboxParams.YesNo(c.Emails.Count > 0)),
        ("opened", _ => "Y"),
        ("assignedById", c => c.AssignedById),
        ("createdBy", c => c.AssignedById),
        ("updatedBy", c => c.AssignedById),
        ("createdTime", c => SandboxDates.Format(c.DateCreate)),
        ("updatedTime", c => SandboxDates.Format(c.DateModify)),
    ];

    public static JsonObject ToLegacy(SandboxContact contact, SandboxSelect select)
    {
        var row = new JsonObject();
        foreach (var (name, value) in LegacyFields)
        {
            // Bitrix24 always returns ID, whatever the select says.
            if (name == "ID" || select.Includes(name))
            {
                row[name] = value(contact);
            }
        }

        SandboxUserFields.Write(row, contact.UserFields, SandboxUserFields.ContactFields, camelCase: false, select.IncludesUserField);
        if (select.Explicitly("EMAIL") && contact.Emails.Count > 0)
        {
            row["EMAIL"] = new JsonArray([.. contact.Emails.Select(e => (JsonNode)new JsonObject
            {
                ["ID"] = SandboxParams.Text(e.Id),
                ["VALUE_TYPE"] = e.ValueType,
                ["VALUE"] = e.Value,
                ["TYPE_ID"] = "EMAIL",
            })]);
        }

        return row;
    }

    public static JsonObject ToItem(SandboxContact contact, SandboxSelect select, bool originalUfNames)
    {
        var row = new JsonObject();
        foreach (var (name, value) in ItemFields)
        {
            if (name == "id" || select.Includes(name))
            {
                row[name] = value(contact);
            }
        }

        if (select.All)
        {
            SandboxUserFields.Write(row, contact.UserFields, SandboxUserFields.ContactFields, camelCase: !originalUfNames);
            row["fm"] = new JsonArray([.. contact.Emails.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Id,
                ["typeId"] = "EMAIL",
                ["valueType"] = e.ValueType,
                ["value"] = e.Value,
            })]);
        }

        return row;
    }
}
