using System.Text.Json;
using Connector.Crm.Bitrix24.Reading;
using Connector.Sync;

namespace Connector.Tests.Crm.Bitrix24;

/// <summary>
/// A crm.deal.userfield.list row asked with filter[LANG], as the docs' example answers it
/// (api-reference/crm/deals/user-defined-fields/crm-deal-userfield-list.md, "UF_CRM_HELLO_WORLD").
/// </summary>
public sealed class FieldLabelReaderTests
{
    private const string DocsRow = """
        {
            "ID": "6997", "ENTITY_ID": "CRM_DEAL", "FIELD_NAME": "UF_CRM_HELLO_WORLD", "USER_TYPE_ID": "string", "XML_ID": null,
            "SORT": "2000", "MULTIPLE": "Y", "MANDATORY": "N", "SHOW_FILTER": "N", "SHOW_IN_LIST": "Y", "EDIT_IN_LIST": "N", "IS_SEARCHABLE": "N",
            "SETTINGS": { "SIZE": 20, "ROWS": 10, "REGEXP": "", "MIN_LENGTH": 0, "MAX_LENGTH": 0, "DEFAULT_VALUE": "Hello, world! Default value (modified)" },
            "EDIT_FORM_LABEL": "Hello, world! Edit (modified)", "LIST_COLUMN_LABEL": "Hello, world! Column (modified)",
            "LIST_FILTER_LABEL": "Hello, world! Filter (modified)", "ERROR_MESSAGE": "Hello, world! Error (modified)", "HELP_MESSAGE": "Hello, world! Help (modified)"
        }
        """;

    [Test]
    public void DocsRow_GivesTheEditFormLabel()
    {
        var label = FieldLabelReader.Read(JsonDocument.Parse(DocsRow).RootElement, "deal", "en");
        Assert.That(label, Is.EqualTo(new CrmFieldLabel("deal", "UF_CRM_HELLO_WORLD", "string", "en", "Hello, world! Edit (modified)")));
    }

    [TestCase("""{"FIELD_NAME":"UF_CRM_A","USER_TYPE_ID":"date","EDIT_FORM_LABEL":"","LIST_COLUMN_LABEL":"Column"}""", "Column")]
    [TestCase("""{"FIELD_NAME":"UF_CRM_A","EDIT_FORM_LABEL":null,"LIST_COLUMN_LABEL":" ","LIST_FILTER_LABEL":"Filter"}""", "Filter")]
    [TestCase("""{"FIELD_NAME":"UF_CRM_A","USER_TYPE_ID":"string"}""", null)]
    [TestCase("""{"FIELD_NAME":"UF_CRM_A","EDIT_FORM_LABEL":"UF_CRM_A"}""", null)]
    [TestCase("""{"FIELD_NAME":"TITLE","EDIT_FORM_LABEL":"Title"}""", null)]
    [TestCase("""{"FIELD_NAME":7,"EDIT_FORM_LABEL":"Seven"}""", null)]
    [TestCase("""[]""", null)]
    public void Fallbacks_AndRowsWithoutAName(string row, string? expected) =>
        Assert.That(FieldLabelReader.Read(JsonDocument.Parse(row).RootElement, "contact", "ru")?.Label, Is.EqualTo(expected));

    [Test]
    public void ALongLabel_IsCappedAt200()
    {
        var row = JsonSerializer.Serialize(new Dictionary<string, string> { ["FIELD_NAME"] = "UF_CRM_A", ["EDIT_FORM_LABEL"] = new string('я', 500) });
        Assert.That(FieldLabelReader.Read(JsonDocument.Parse(row).RootElement, "contact", "ru")!.Label, Has.Length.EqualTo(200));
    }
}
