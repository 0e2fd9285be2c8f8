using System.Text.Json;
using Connector.Crm.Bitrix24;

namespace Connector.Tests.Crm.Bitrix24;

[CancelAfter(120_000)]
public sealed class Bitrix24JsonTests
{
    private static JsonElement Row(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [TestCase("""{"ID":"75"}""", 75)]
    [TestCase("""{"ID":75}""", 75)]
    [TestCase("""{"ID":"-3"}""", -3)]
    public void ReadLong_StringOrNumber_ReturnsValue(string json, long expected) =>
        Assert.That(Bitrix24Json.ReadLong(Row(json), "ID"), Is.EqualTo(expected));

    [TestCase("""{"ID":{"a":1}}""", JsonValueKind.Object)]
    [TestCase("""{"ID":"abc"}""", JsonValueKind.String)]
    [TestCase("""{"ID":1.5}""", JsonValueKind.Number)]
    [TestCase("""{"ID":null}""", JsonValueKind.Null)]
    [TestCase("""{}""", JsonValueKind.Undefined)]
    public void ReadLong_BadValue_FailsNamingFieldAndKind(string json, JsonValueKind kind)
    {
        var ex = Assert.Throws<Bitrix24FieldException>(() => Bitrix24Json.ReadLong(Row(json), "ID"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Field, Is.EqualTo("ID"));
            Assert.That(ex.ValueKind, Is.EqualTo(kind));
            Assert.That(ex.Message, Does.StartWith("Field 'ID' is "));
        });
    }

    [Test]
    public void ReadOptionalLong_MissingOrEmpty_ReturnsNull()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Bitrix24Json.ReadOptionalLong(Row("{}"), "COMPANY_ID"), Is.Null);
            Assert.That(Bitrix24Json.ReadOptionalLong(Row("""{"COMPANY_ID":""}"""), "COMPANY_ID"), Is.Null);
            Assert.That(Bitrix24Json.ReadOptionalLong(Row("""{"COMPANY_ID":null}"""), "COMPANY_ID"), Is.Null);
        });
    }

    [TestCase("\"Y\"", true)]
    [TestCase("\"N\"", false)]
    [TestCase("\"y\"", true)]
    [TestCase("true", true)]
    [TestCase("0", false)]
    public void ReadYesNo_KnownForms_ReturnsBool(string value, bool expected) =>
        Assert.That(Bitrix24Json.ReadYesNo(Row($$"""{"EXPORT":{{value}}}"""), "EXPORT"), Is.EqualTo(expected));

    [Test]
    public void ReadYesNo_OtherString_FailsNamingField()
    {
        var ex = Assert.Throws<Bitrix24FieldException>(() => Bitrix24Json.ReadYesNo(Row("""{"CLOSED":"maybe"}"""), "CLOSED"));

        Assert.That(ex!.Message, Does.Contain("'CLOSED'").And.Contain("Y or N"));
    }

    [Test]
    public void DealFixture_TypedFields_ReadWithHelpers()
    {
        var deal = Bitrix24Fixture.Load("crm-deal-get").Json.GetProperty("result");

        Assert.Multiple(() =>
        {
            Assert.That(Bitrix24Json.ReadLong(deal, "ID"), Is.EqualTo(410));
            Assert.That(Bitrix24Json.ReadDecimal(deal, "OPPORTUNITY"), Is.EqualTo(1000000.00m));
            Assert.That(Bitrix24Json.ReadYesNo(deal, "CLOSED"), Is.False);
            Assert.That(
                Bitrix24Json.ReadDateTimeOffset(deal, "DATE_MODIFY"),
                Is.EqualTo(new DateTimeOffset(2024, 8, 30, 14, 29, 0, TimeSpan.FromHours(2))));
            Assert.That(Bitrix24Json.ReadString(deal, "STAGE_ID"), Is.EqualTo("PREPARATION"));
        });
    }

    [Test]
    public void ReadDecimal_Number_ReturnsValue() =>
        Assert.That(Bitrix24Json.ReadDecimal(Row("""{"OPPORTUNITY":1500.5}"""), "OPPORTUNITY"), Is.EqualTo(1500.5m));

    [Test]
    public void ReadDateTimeOffset_Garbage_FailsNamingField()
    {
        var ex = Assert.Throws<Bitrix24FieldException>(() => Bitrix24Json.ReadDateTimeOffset(Row("""{"DATE_MODIFY":"soon"}"""), "DATE_MODIFY"));

        Assert.That(ex!.Field, Is.EqualTo("DATE_MODIFY"));
    }

    [Test]
    public void ReadLong_RowIsNotObject_Fails() =>
        Assert.Throws<Bitrix24FieldException>(() => Bitrix24Json.ReadLong(Row("[1]"), "ID"));
}
