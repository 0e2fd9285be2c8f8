using System.Text.Json;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Reading;

namespace Connector.Tests.Crm.Bitrix24;

[CancelAfter(120_000)]
public sealed class UserFieldReaderTests
{
    // Row shapes: api-reference/crm/contacts/crm-contact-get.md ("UF_CRM_1720697698689": "Example value of a custom field
    // with type \u0022String\u0022"), crm/deals/crm-deal-get.md ("UF_CRM_1721244482250": "Hello world!"); numbers come as
    // strings, multiple fields as arrays, empty ones as "", null or false; files are objects.
    private const string Row = """
        {"ID":"75","NAME":"Anastasia","UF_CRM_1720697698689":"Example value of a custom field with type \u0022String\u0022",
         "UF_CRM_POINTS":"1250","UF_CRM_RATE":4.5,"UF_CRM_VIP":true,"UF_CRM_TAGS":["a","b",""],"UF_CRM_EMPTY":"",
         "UF_CRM_NULL":null,"UF_CRM_NONE":false,"UF_CRM_FILE":{"id":12,"showUrl":"/x","downloadUrl":"/y"},
         "UF_CRM_FILES":[{"id":1}],"EMAIL":[{"ID":"215","VALUE_TYPE":"WORK","VALUE":"special-for@example.com","TYPE_ID":"EMAIL"}]}
        """;

    [Test]
    public void Read_DocumentedShapes_TextValuesAndEmptiesAsNoValueCompositesLeftOut()
    {
        var fields = UserFieldReader.Read(JsonDocument.Parse(Row).RootElement);
        Assert.Multiple(() =>
        {
            Assert.That(fields["UF_CRM_1720697698689"], Is.EqualTo(new[] { "Example value of a custom field with type \"String\"" }));
            Assert.That(fields["UF_CRM_POINTS"], Is.EqualTo(new[] { "1250" }));
            Assert.That(fields["UF_CRM_RATE"], Is.EqualTo(new[] { "4.5" }));
            Assert.That(fields["UF_CRM_VIP"], Is.EqualTo(new[] { "Y" }));
            Assert.That(fields["UF_CRM_TAGS"], Is.EqualTo(new[] { "a", "b" }));
            Assert.That(new[] { fields["UF_CRM_EMPTY"], fields["UF_CRM_NULL"], fields["UF_CRM_NONE"] }, Has.All.Empty);
            Assert.That(fields.Keys, Does.Not.Contain("UF_CRM_FILE").And.Not.Contain("UF_CRM_FILES").And.Not.Contain("EMAIL").And.Not.Contain("NAME"));
        });
    }

    [Test]
    public void Read_ListInsideList_FieldExceptionNamingTheFieldNotTheValue()
    {
        var row = JsonDocument.Parse("""{"ID":"1","UF_CRM_CITY":[["секрет"]]}""").RootElement;
        var ex = Assert.Throws<Bitrix24FieldException>(() => UserFieldReader.Read(row));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Field, Is.EqualTo("UF_CRM_CITY"));
            Assert.That(ex.Message, Does.Not.Contain("секрет"));
        });
    }
}
