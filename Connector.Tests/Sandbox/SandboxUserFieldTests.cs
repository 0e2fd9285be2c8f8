using System.Text.Json;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxUserFieldTests
{
    [Test]
    public async Task ContactList_UfMask_EveryUserFieldWithLegacyShapes()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, masked) = await sut.PostAsync("crm.contact.list", new { select = new[] { "ID", "NAME", "UF_*" } });
        var (_, plain) = await sut.PostAsync("crm.contact.list", new { select = new[] { "ID", "NAME" } });
        var (_, named) = await sut.PostAsync("crm.contact.list", new { select = new[] { "ID", SandboxUserFields.City } });

        var rows = masked["result"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Select(p => p.Key).Where(k => k.StartsWith("UF_", StringComparison.Ordinal)).Order()), Has.All.EqualTo(SandboxUserFields.ContactFields.Order()));
            Assert.That(rows.Select(r => r[SandboxUserFields.Points]?.GetValueKind() ?? JsonValueKind.Null), Has.All.AnyOf(JsonValueKind.String, JsonValueKind.Null), "numbers as strings");
            Assert.That(rows.Select(r => r[SandboxUserFields.Interests]!.GetValueKind()), Has.All.AnyOf(JsonValueKind.Array, JsonValueKind.False), "multiple: array, empty: false");
            Assert.That(plain["result"]![0]!.AsObject().Any(p => p.Key.StartsWith("UF_", StringComparison.Ordinal)), Is.False);
            Assert.That(named["result"]![0]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "ID", SandboxUserFields.City }));
        });
    }

    [Test]
    public async Task ItemList_DealsWithStar_CamelCaseUserFieldsUnlessOriginalNamesAsked()
    {
        await using var sut = await SandboxTestHost.StartAsync();

        var (_, camel) = await sut.PostAsync("crm.item.list", new { entityTypeId = 2, select = new[] { "*" } });
        var (_, original) = await sut.PostAsync("crm.item.list", new { entityTypeId = 2, select = new[] { "*" }, useOriginalUfNames = "Y" });
        var (_, named) = await sut.PostAsync("crm.item.list", new { entityTypeId = 2, select = new[] { "id", "title" } });

        Assert.Multiple(() =>
        {
            Assert.That(camel["result"]!["items"]![0]!.AsObject().Select(p => p.Key), Does.Contain("ufCrmPromoCode").And.Contain("ufCrm_1721244482250"));
            Assert.That(original["result"]!["items"]![0]!.AsObject().Select(p => p.Key), Does.Contain("UF_CRM_PROMO_CODE").And.Contain("UF_CRM_1721244482250"));
            Assert.That(named["result"]!["items"]![0]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "title" }));
        });
    }

    [TestCase("UF_CRM_2_1639669411830", "ufCrm2_1639669411830")]
    [TestCase("UF_CRM_1720019876534", "ufCrm_1720019876534")]
    [TestCase("UF_CRM_PROMO_CODE", "ufCrmPromoCode")]
    public void ToCamel_DocumentedExamples_AsCrmItemNamesThem(string original, string camel) =>
        Assert.That(SandboxUserFields.ToCamel(original), Is.EqualTo(camel));
}
