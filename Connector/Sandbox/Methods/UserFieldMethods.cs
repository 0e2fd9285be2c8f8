using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>
/// crm.contact.userfield.add/list and crm.deal.userfield.list (api-reference/crm/contacts/userfield/crm-contact-userfield-add.md, -list.md): add
/// prefixes FIELD_NAME with UF_CRM_ (UF_X → UF_CRM_X), upper-cases it, refuses other characters or more than 50 with
/// ERROR_CORE, and answers the new ID; errors carry an empty code. list matches its filter exactly; numbers are strings.
/// Both need a CRM administrator; the sandbox's callers (webhook user, installing admin) are one.
/// </summary>
public static partial class UserFieldMethods
{
    private const int PageSize = 50;

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

    public static SandboxCallResult List(SandboxPortal portal, JsonObject parameters) => ListOf(portal.ContactUserFieldList, "CRM_CONTACT", parameters);

    /// <summary>crm.deal.userfield.list (api-reference/crm/deals/user-defined-fields/crm-deal-userfield-list.md): the same shape, ENTITY_ID CRM_DEAL.</summary>
    public static SandboxCallResult DealList(SandboxPortal portal, JsonObject parameters) => ListOf(portal.DealUserFieldList, "CRM_DEAL", parameters);

    // filter matches exactly, except LANG: with it the labels (EDIT_FORM_LABEL, LIST_COLUMN_LABEL, LIST_FILTER_LABEL,
    // ERROR_MESSAGE, HELP_MESSAGE) come as strings in that language; without it they are not returned at all. Pages of 50.
    private static SandboxCallResult ListOf(List<SandboxUserFieldRow> fields, string entity, JsonObject parameters)
    {
        var filter = SandboxParams.Get(parameters, "filter") as JsonObject ?? [];
        var lang = filter.FirstOrDefault(p => p.Key.Equals("LANG", StringComparison.OrdinalIgnoreCase)).Value is { } l ? SandboxParams.AsString(l) : null;
        var rows = fields.Where(f => filter.Where(p => !p.Key.Equals("LANG", StringComparison.OrdinalIgnoreCase))
            .All(p => Value(f, p.Key) is { } value && value == SandboxParams.AsString(p.Value))).OrderBy(f => f.Id).ToList();
        var start = (int)Math.Max(0, SandboxParams.AsLong(SandboxParams.Get(parameters, "start")) ?? 0);
        var page = rows.Skip(start).Take(PageSize).ToList();
        var result = new JsonArray([.. page.Select(f =>
        {
            var row = new JsonObject
            {
                ["ID"] = SandboxParams.Text(f.Id),
                ["ENTITY_ID"] = entity,
                ["FIELD_NAME"] = f.FieldName,
                ["USER_TYPE_ID"] = f.UserTypeId,
                ["XML_ID"] = f.XmlId.Length == 0 ? null : f.XmlId,
                ["SORT"] = "100",
                ["MULTIPLE"] = f.Multiple,
                ["MANDATORY"] = "N",
                ["SHOW_FILTER"] = f.ShowFilter,
                ["SHOW_IN_LIST"] = "N",
                ["EDIT_IN_LIST"] = "Y",
                ["IS_SEARCHABLE"] = "N",
                ["SETTINGS"] = f.UserTypeId == "boolean"
                    ? new JsonObject { ["DEFAULT_VALUE"] = f.DefaultValue, ["DISPLAY"] = "CHECKBOX", ["LABEL"] = new JsonArray("", ""), ["LABEL_CHECKBOX"] = "" }
                    : new JsonObject { ["DEFAULT_VALUE"] = "" },
            };
            if (lang is not null)
            {
                var label = f.LabelIn(lang);
                row["EDIT_FORM_LABEL"] = label;
                row["LIST_COLUMN_LABEL"] = label;
                row["LIST_FILTER_LABEL"] = label;
                row["ERROR_MESSAGE"] = null;
                row["HELP_MESSAGE"] = null;
            }

            return (JsonNode)row;
        })]);
        int? next = start + page.Count < rows.Count ? start + page.Count : null;
        return new SandboxCallResult(result, rows.Count, next, page.Count, null);
    }

    private static string? Value(SandboxUserFieldRow field, string key) => key.ToUpperInvariant() switch
    {
        "ID" => SandboxParams.Text(field.Id),
        "FIELD_NAME" => field.FieldName,
        "USER_TYPE_ID" => field.UserTypeId,
        "XML_ID" => field.XmlId,
        "SHOW_FILTER" => field.ShowFilter,
        "MULTIPLE" => field.Multiple,
        "MANDATORY" or "SHOW_IN_LIST" or "IS_SEARCHABLE" => "N",
        "EDIT_IN_LIST" => "Y",
        "SORT" => "100",
        _ => null,
    };

    [GeneratedRegex("^[A-Z0-9_]+$")]
    private static partial Regex FieldName();
}
