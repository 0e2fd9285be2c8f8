using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.contact.userfield.add/list (api-reference/crm/contacts/userfield/crm-contact-userfield-add.md, -list.md): add
/// prefixes FIELD_NAME with UF_CRM_ (UF_X → UF_CRM_X), upper-cases it, refuses other characters or more than 50 with
/// ERROR_CORE, and answers the new ID; errors carry an empty code. list matches its filter exactly; numbers are strings.
/// Both need a CRM administrator; the sandbox's callers (webhook user, installing admin) are one.
/// </summary>
public static partial class UserFieldMethods
{
    public static SandboxCallResult Add(SandboxPortal portal, JsonObject parameters)
    {
        if (SandboxParams.Get(parameters, "fields") is not JsonObject fields)
        {
            return SandboxCallResult.Fail(new SandboxError(400, string.Empty, "The 'USER_TYPE_ID' field is not found."));
        }

        var type = SandboxParams.AsString(SandboxParams.Get(fields, "USER_TYPE_ID"));
        if (string.IsNullOrEmpty(type))
        {
            return SandboxCallResult.Fail(new SandboxError(400, string.Empty, "The 'USER_TYPE_ID' field is not found."));
        }

        var raw = SandboxParams.AsString(SandboxParams.Get(fields, "FIELD_NAME"));
        if (string.IsNullOrEmpty(raw))
        {
            return SandboxCallResult.Fail(new SandboxError(400, string.Empty, "The 'FIELD_NAME' field is not found."));
        }

        var name = raw.ToUpperInvariant();
        name = name.StartsWith("UF_CRM_", StringComparison.Ordinal) ? name : name.StartsWith("UF_", StringComparison.Ordinal) ? "UF_CRM_" + name[3..] : "UF_CRM_" + name;
        if (!FieldName().IsMatch(name) || name.Length > 50)
        {
            return SandboxCallResult.Fail(new SandboxError(400, "ERROR_CORE", "Invalid field name."));
        }

        if (portal.ContactUserFieldList.Any(f => f.FieldName == name))
        {
            return SandboxCallResult.Fail(new SandboxError(400, "ERROR_CORE", $"A field with the name {name} already exists."));
        }

        var settings = SandboxParams.Get(fields, "SETTINGS") as JsonObject;
        var row = new SandboxUserFieldRow(
            portal.NextUserFieldId(), name, type, SandboxParams.AsString(SandboxParams.Get(fields, "XML_ID")) ?? string.Empty,
            SandboxParams.AsString(SandboxParams.Get(fields, "LABEL")) ?? string.Empty, SandboxParams.AsString(SandboxParams.Get(fields, "SHOW_FILTER")) ?? "N",
            settings is null ? 0 : (SandboxParams.AsLong(SandboxParams.Get(settings, "DEFAULT_VALUE")) ?? 0) >= 1 ? 1 : 0);
        portal.ContactUserFieldList.Add(row);
        return SandboxCallResult.Ok(row.Id);
    }

    public static SandboxCallResult List(SandboxPortal portal, JsonObject parameters)
    {
        var filter = SandboxParams.Get(parameters, "filter") as JsonObject ?? [];
        var rows = portal.ContactUserFieldList.Where(f => filter.All(p => Value(f, p.Key) is { } value && value == SandboxParams.AsString(p.Value))).ToList();
        var result = new JsonArray([.. rows.Select(f => (JsonNode)new JsonObject
        {
            ["ID"] = SandboxParams.Text(f.Id),
            ["ENTITY_ID"] = "CRM_CONTACT",
            ["FIELD_NAME"] = f.FieldName,
            ["USER_TYPE_ID"] = f.UserTypeId,
            ["XML_ID"] = f.XmlId,
            ["SORT"] = "100",
            ["MULTIPLE"] = "N",
            ["MANDATORY"] = "N",
            ["SHOW_FILTER"] = f.ShowFilter,
            ["SHOW_IN_LIST"] = "N",
            ["EDIT_IN_LIST"] = "Y",
            ["IS_SEARCHABLE"] = "N",
            ["SETTINGS"] = new JsonObject { ["DEFAULT_VALUE"] = f.DefaultValue, ["DISPLAY"] = "CHECKBOX", ["LABEL"] = new JsonArray("", ""), ["LABEL_CHECKBOX"] = "" },
        })]);
        return new SandboxCallResult(result, rows.Count, null, rows.Count, null);
    }

    private static string? Value(SandboxUserFieldRow field, string key) => key.ToUpperInvariant() switch
    {
        "ID" => SandboxParams.Text(field.Id),
        "FIELD_NAME" => field.FieldName,
        "USER_TYPE_ID" => field.UserTypeId,
        "XML_ID" => field.XmlId,
        "SHOW_FILTER" => field.ShowFilter,
        "MULTIPLE" or "MANDATORY" or "SHOW_IN_LIST" or "IS_SEARCHABLE" => "N",
        "EDIT_IN_LIST" => "Y",
        "SORT" => "100",
        _ => null,
    };

    [GeneratedRegex("^[A-Z0-9_]+$")]
    private static partial Regex FieldName();
}
