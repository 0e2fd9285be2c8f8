using System.Net;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

/// <summary>
/// crm.contact.userfield.list and crm.deal.userfield.list as the docs describe them
/// (api-reference/crm/contacts/userfield/crm-contact-userfield-list.md, crm/deals/user-defined-fields/crm-deal-userfield-list.md):
/// the labels (EDIT_FORM_LABEL, LIST_COLUMN_LABEL, LIST_FILTER_LABEL, ERROR_MESSAGE, HELP_MESSAGE) come as strings in
/// the language of <c>filter[LANG]</c> and are left out without it; numbers are strings; pages of 50 by <c>start</c>.
/// </summary>
[CancelAfter(60_000)]
public sealed class SandboxUserFieldListTests
{
    [Test]
    public async Task DealFields_WithLang_CarryTheLabelsInThatLanguage_WithoutLang_NoLabels()
    {
        await using var host = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 1, Deals = 1 });

        var ru = await host.PostAsync("crm.deal.userfield.list", new { filter = new { LANG = "ru" } });
        var en = await host.PostAsync("crm.deal.userfield.list", new { filter = new { LANG = "en", FIELD_NAME = SandboxUserFields.PromoCode } });
        var bare = await host.PostAsync("crm.contact.userfield.list", new { });

        Assert.Multiple(() =>
        {
            Assert.That(ru.Status, Is.EqualTo(HttpStatusCode.OK));
            var rows = ru.Body["result"]!.AsArray();
            Assert.That(rows.Select(r => (r!["FIELD_NAME"]!.ToString(), r["EDIT_FORM_LABEL"]!.ToString(), r["ENTITY_ID"]!.ToString())),
                Is.EqualTo(new[] { (SandboxUserFields.PromoCode, "Промокод", "CRM_DEAL"), (SandboxUserFields.DeliveryDate, "Дата доставки", "CRM_DEAL") }));
            Assert.That(rows[0]!["ID"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.String), "numbers as strings");
            Assert.That(rows[0]!.AsObject().ContainsKey("HELP_MESSAGE"), Is.True);
            Assert.That(en.Body["result"]!.AsArray().Single()!["LIST_COLUMN_LABEL"]!.ToString(), Is.EqualTo("Promo code"), "LANG is not matched as a field");
            Assert.That(bare.Body["result"]!.AsArray().Select(r => r!["FIELD_NAME"]!.ToString()), Is.SupersetOf(SandboxUserFields.ContactFields));
            Assert.That(bare.Body["result"]!.AsArray().Any(r => r!.AsObject().ContainsKey("EDIT_FORM_LABEL")), Is.False, "no labels without filter[LANG]");
        });
    }

    [Test]
    public async Task ContactFields_ComeInPagesOf50_WithNext()
    {
        await using var host = await SandboxTestHost.StartAsync(new SandboxOptions { Contacts = 1, Deals = 0 });
        // 47 fields and two lists stay within the leaky bucket's burst of 50 requests; with the 4 set-up fields, 51 rows.
        const int added = 47;
        for (var i = 0; i < added; i++)
        {
            var add = await host.PostAsync("crm.contact.userfield.add", new { fields = new { FIELD_NAME = $"EXTRA_{i}", USER_TYPE_ID = "string", LABEL = $"Extra {i}" } });
            Assert.That(add.Status, Is.EqualTo(HttpStatusCode.OK), add.Body.ToJsonString());
        }

        var first = await host.PostAsync("crm.contact.userfield.list", new { filter = new { LANG = "de" } });
        var second = await host.PostAsync("crm.contact.userfield.list", new { filter = new { LANG = "de" }, start = 50 });
        var total = SandboxUserFields.ContactFields.Count + added;

        Assert.Multiple(() =>
        {
            Assert.That(first.Body["result"]!.AsArray(), Has.Count.EqualTo(50));
            Assert.That(first.Body["next"]!.GetValue<int>(), Is.EqualTo(50));
            Assert.That(first.Body["total"]!.GetValue<int>(), Is.EqualTo(total));
            Assert.That(second.Body["result"]!.AsArray(), Has.Count.EqualTo(total - 50));
            Assert.That(second.Body.AsObject().ContainsKey("next"), Is.False);
            Assert.That(second.Body["result"]!.AsArray()[^1]!["EDIT_FORM_LABEL"]!.ToString(), Is.EqualTo("Extra 46"), "an added field's LABEL is its label in every language");
            Assert.That(first.Body["result"]!.AsArray()[0]!["EDIT_FORM_LABEL"]!.ToString(), Is.Empty, "a field named only in ru and en has no German label");
        });
    }
}
