using System.Text.Json;
using Connector.Crm.Bitrix24;

namespace Connector.Tests.Crm.Bitrix24;

[CancelAfter(120_000)]
public sealed class Bitrix24PlanReaderTests
{
    [Test]
    public void FromAppInfo_EnterpriseFixture_Enterprise() =>
        Assert.That(Bitrix24PlanReader.FromAppInfo(Bitrix24Fixture.Load("app-info").Json), Is.EqualTo(Bitrix24Plan.Enterprise));

    [TestCase("""{"LICENSE_FAMILY":"std","LICENSE_TYPE":"std"}""", false)]
    [TestCase("""{"LICENSE_TYPE":"ent250"}""", true)]
    [TestCase("""{"LICENSE_FAMILY":"ENT"}""", true)]
    [TestCase("""{}""", false)]
    [TestCase("""[]""", false)]
    public void FromAppInfo_License_PlanByFamilyOrType(string json, bool enterprise)
    {
        var plan = Bitrix24PlanReader.FromAppInfo(JsonDocument.Parse(json).RootElement);

        Assert.That(plan, Is.EqualTo(enterprise ? Bitrix24Plan.Enterprise : Bitrix24Plan.Standard));
    }
}
