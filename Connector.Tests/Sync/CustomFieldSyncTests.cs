using System.Text.Json.Nodes;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;
using Connector.Templates;
using Connector.Tests.TestSupport;
using Dapper;

namespace Connector.Tests.Sync;

/// <summary>Sandbox portal → sync → mirror keeps the user fields → templates render them (issue 4, items 1–2).</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class CustomFieldSyncTests
{
    private static readonly TemplateSender Sender = new("Example Shop", "news@example.com", "Example Shop LLC", "1 Tverskaya st., Moscow 125009", "https://shop.example.com");

    [Test]
    public async Task RunAsync_ContactAndDealUserFields_MirroredAndRenderedByYamlTemplate()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 11, Contacts = 60, Deals = 30 });
        var contact = rig.Crm.AddContact(new SandboxContactFields
        {
            Name = "Анна",
            Emails = [new SandboxEmail(0, "WORK", "anna@example.org")],
            UserFields = new Dictionary<string, JsonNode?>
            {
                [SandboxUserFields.City] = "Казань", [SandboxUserFields.Locale] = "en-US", [SandboxUserFields.Interests] = new JsonArray("книги", "спорт"),
                [SandboxUserFields.Points] = "1250",
            },
        });
        var deal = rig.Crm.AddDeal(new SandboxDealFields
        {
            Title = "Заказ №7", Opportunity = 12500.5m, CurrencyId = "RUB", ContactIds = [contact.Id],
            UserFields = new Dictionary<string, JsonNode?> { [SandboxUserFields.PromoCode] = "NOV-0042", [SandboxUserFields.DeliveryDate] = "2026-11-25T00:00:00+03:00" },
        });

        var summary = await rig.RunAsync(SyncMode.Full);

        var stored = await StoredFieldsAsync(rig, "contacts", contact.Id);
        var found = await Queries(rig).ContactAsync("sandbox", contact.Id, TestContext.CurrentContext.CancellationToken);
        var template = TemplateFileReader.Read(await File.ReadAllTextAsync(ExamplePath), ExamplePath);
        var letter = new TemplateRenderer().Render(new TemplateCompiler().Compile(template).Template!, TemplateData.From(found!.Value.Contact, found.Value.Deals, Sender, "https://t.example.com/t/u/T"));
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(stored, Does.Contain("\"UF_CRM_CITY\":[\"Казань\"]").And.Contain("\"UF_CRM_INTERESTS\":["));
            Assert.That(found.Value.Contact.Fields, Does.ContainKey("UF_CRM_CITY").WithValue("Казань"));
            Assert.That(found.Value.Contact.Fields, Does.ContainKey("UF_CRM_INTERESTS").WithValue("книги, спорт"));
            Assert.That(found.Value.Contact.Fields, Does.ContainKey("UF_CRM_1720697698689").WithValue("1250"));
            Assert.That(found.Value.Contact.Locale, Is.EqualTo("en-US"));
            Assert.That(found.Value.Deals.Single(d => d.Id == deal.Id).Fields, Does.ContainKey("UF_CRM_PROMO_CODE").WithValue("NOV-0042"));
            Assert.That(letter.Html, Does.Contain("в Казань").And.Contain("25 November 2026").And.Contain("NOV-0042").And.Contain("₽12,500.50"));
        });
    }

    [Test]
    public async Task Render_SameTemplate_DateAndMoneyInEachContactsLocale()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 12, Contacts = 20, Deals = 5 });
        var ids = new Dictionary<string, long>();
        foreach (var locale in new[] { "en-US", "ru-RU", "не указан" })
        {
            var contact = rig.Crm.AddContact(new SandboxContactFields { Name = locale, UserFields = new Dictionary<string, JsonNode?> { [SandboxUserFields.Locale] = locale } });
            rig.Crm.AddDeal(new SandboxDealFields { Title = "Заказ", Opportunity = 12500.5m, CurrencyId = "USD", ContactIds = [contact.Id] });
            ids[locale] = contact.Id;
        }

        await rig.RunAsync(SyncMode.Full);
        var file = new TemplateFile { Name = "locale", Subject = "x", Html = "{{ deal.amount | money: deal.currency }}|{{ \"2026-11-22\" | local_date }}" };
        var compiled = new TemplateCompiler(new TemplateOptions { DefaultLocale = "ru-RU" }).Compile(file).Template!;
        var html = new Dictionary<string, string>();
        foreach (var (locale, id) in ids)
        {
            var found = (await Queries(rig).ContactAsync("sandbox", id, TestContext.CurrentContext.CancellationToken))!.Value;
            html[locale] = new TemplateRenderer().Render(compiled, TemplateData.From(found.Contact, found.Deals, Sender, "u")).Html.Replace('\u00a0', ' ').Replace('\u202f', ' ');
        }

        Assert.Multiple(() =>
        {
            Assert.That(html["en-US"], Is.EqualTo("$12,500.50|22 November 2026"));
            Assert.That(html["ru-RU"], Is.EqualTo("12 500,50 $|22 ноября 2026"));
            Assert.That(html["не указан"], Is.EqualTo(html["ru-RU"]), "an invalid locale falls back to the template's");
        });
    }

    [Test]
    public async Task RunAsync_IncrementalAfterFieldChanges_MirrorFollowsAndEmptiedFieldReadsNull()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 14, Contacts = 40, Deals = 10 });
        await rig.RunAsync(SyncMode.Full);
        var contact = rig.Crm.Contacts[5];
        rig.Crm.UpdateContact(contact.Id, new SandboxContactFields
        {
            UserFields = new Dictionary<string, JsonNode?> { [SandboxUserFields.City] = "Тверь", [SandboxUserFields.Interests] = false },
        });

        var summary = await rig.RunAsync(SyncMode.Incremental);

        var found = (await Queries(rig).ContactAsync("sandbox", contact.Id, TestContext.CurrentContext.CancellationToken))!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(found.Contact.Fields, Does.ContainKey("UF_CRM_CITY").WithValue("Тверь"));
            Assert.That(found.Contact.Fields, Does.ContainKey("UF_CRM_INTERESTS").WithValue(null));
        });
    }

    [Test]
    public async Task RunAsync_SeededPortal_EveryContactAndDealCarriesItsUserFields()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 15, Contacts = 120, Deals = 60 });

        await rig.RunAsync(SyncMode.Full);

        await using var connection = await new SqliteConnectionFactory(rig.DatabasePath).OpenAsync(TestContext.CurrentContext.CancellationToken);
        var contacts = (await connection.QueryAsync<string?>("SELECT custom_fields FROM contacts")).ToList();
        var deals = (await connection.QueryAsync<string?>("SELECT custom_fields FROM deals")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(contacts, Has.Count.EqualTo(120));
            Assert.That(contacts.Select(c => CustomFieldsJson.Read(c).Keys.Order()), Has.All.EqualTo(SandboxUserFields.ContactFields.Order()));
            Assert.That(deals.Select(d => CustomFieldsJson.Read(d).Keys.Order()), Has.All.EqualTo(SandboxUserFields.DealFields.Order()));
        });
    }

    [Test]
    public async Task RunAsync_OneContactWithBadUserFieldValue_SkippedCountedNamedWithoutTheValue()
    {
        await using var rig = await SyncRig.StartAsync(new SandboxOptions { Seed = 13, Contacts = 200, Deals = 20 }, decorate: inner =>
            new CorruptingBitrix24Client(inner, row =>
            {
                if (!row.ContainsKey("UF_CRM_CITY") || row["ID"]?.ToJsonString() != "\"77\"")
                {
                    return false;
                }

                row["UF_CRM_CITY"] = new JsonArray(new JsonArray("секрет"));
                return true;
            }));

        var summary = await rig.RunAsync(SyncMode.Full);

        var contacts = await rig.ContactsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Succeeded, Is.True, summary.Error);
            Assert.That(summary.Skipped, Is.EqualTo(1));
            Assert.That(summary.SkippedReasons.Single(), Does.Contain("crm.contact.list").And.Contain("UF_CRM_CITY").And.Contain("77"));
            Assert.That(summary.SkippedReasons.Single(), Does.Not.Contain("секрет"));
            Assert.That(contacts.Count(c => c.Deleted == 0), Is.EqualTo(199));
        });
    }

    private static string ExamplePath => Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates", "delivery-reminder.yaml");

    private static TemplateDataQueries Queries(SyncRig rig) => new(new SqliteConnectionFactory(rig.DatabasePath), TemplateOptions.Default);

    private static async Task<string?> StoredFieldsAsync(SyncRig rig, string table, long id)
    {
        await using var connection = await new SqliteConnectionFactory(rig.DatabasePath).OpenAsync(TestContext.CurrentContext.CancellationToken);
        var sql = table == "contacts" ? "SELECT custom_fields FROM contacts WHERE crm_id = @Id" : "SELECT custom_fields FROM deals WHERE crm_id = @Id";
        return await connection.ExecuteScalarAsync<string?>(sql, new { Id = id });
    }
}
