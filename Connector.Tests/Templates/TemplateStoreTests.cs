using Connector.Store;
using Connector.Sync;
using Connector.Templates;
using Connector.Tests.Sending;

namespace Connector.Tests.Templates;

[CancelAfter(120_000)]
public sealed class TemplateStoreTests
{
    [Test]
    public async Task SaveAsync_UnknownVariable_RefusedAndNotStored()
    {
        using var rig = new LedgerRig(TimeProvider.System);
        var store = new TemplateStore(rig.Connections, new TemplateCompiler(), TimeProvider.System);
        var errors = await store.SaveAsync(new TemplateFile { Name = "promo", Subject = "Hi {{ contact.nickname }}", Html = "<p>x</p>" }, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That(errors.Single().ToString(), Is.EqualTo("promo (subject):1: unknown variable (contact.nickname)"));
            Assert.That(await store.LatestAsync("promo", TestContext.CurrentContext.CancellationToken), Is.Null);
        });
    }

    [Test]
    public async Task SaveAsync_ValidVersions_LatestReadBackAndVersionsImmutable()
    {
        using var rig = new LedgerRig(TimeProvider.System);
        var store = new TemplateStore(rig.Connections, new TemplateCompiler(), TimeProvider.System);
        var v1 = new TemplateFile { Name = "promo", Version = 1, Subject = "Hi {{ contact.name }}", Html = "<p>one</p>" };
        Assert.That(await store.SaveAsync(v1, TestContext.CurrentContext.CancellationToken), Is.Empty);
        Assert.That(await store.SaveAsync(v1 with { Version = 2, Html = "<p>two</p>" }, TestContext.CurrentContext.CancellationToken), Is.Empty);
        var again = await store.SaveAsync(v1 with { Html = "<p>changed</p>" }, TestContext.CurrentContext.CancellationToken);
        var latest = await store.LatestAsync("promo", TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((latest?.Version, latest?.Html), Is.EqualTo(((int?)2, "<p>two</p>")));
            Assert.That(again.Single().Message, Is.EqualTo("version 1 already exists; save a new version"));
        });
    }

    [Test]
    public async Task SaveAsync_UndeclaredCustomField_RefusedNamingTheVariable()
    {
        using var rig = new LedgerRig(TimeProvider.System);
        var store = new TemplateStore(rig.Connections, new TemplateCompiler(), TimeProvider.System);
        var errors = await store.SaveAsync(new TemplateFile { Name = "promo", Subject = "Hi", Html = "<p>\n{{ contact.fields.UF_CRM_CITY }}</p>" }, TestContext.CurrentContext.CancellationToken);
        Assert.That(errors.Single().ToString(), Is.EqualTo("promo (html):2: unknown variable (contact.fields.UF_CRM_CITY)"));
    }

    [Test]
    public async Task SaveAsync_DeclaredFieldsAgainstTheMirror_UnknownRefusedKnownSaved()
    {
        using var rig = new LedgerRig(TimeProvider.System);
        var mirror = new SqliteMirrorStore(rig.Connections, TimeProvider.System);
        var portal = await mirror.EnsurePortalAsync("p1", "p1.bitrix24.ru", "webhook", TestContext.CurrentContext.CancellationToken);
        await mirror.UpsertContactsAsync(portal, [new ContactWrite(new CrmContact { Id = 1, CustomFields = Fields("UF_CRM_CITY", "UF_CRM_LOCALE") }, [])], 1, TestContext.CurrentContext.CancellationToken);
        await mirror.UpsertDealsAsync(portal, [new CrmDeal { Id = 1, StageId = "NEW", CategoryId = 0, CustomFields = Fields("UF_CRM_PROMO_CODE") }], 1, false, "poll", TestContext.CurrentContext.CancellationToken);
        var store = new TemplateStore(rig.Connections, new TemplateCompiler(), TimeProvider.System);
        var file = new TemplateFile { Name = "promo", Subject = "Hi", Html = "<p>{{ contact.fields.UF_CRM_CITY }}</p>" };

        var unknown = await store.SaveAsync(file with { CustomFields = ["UF_CRM_CITY", "UF_CRM_NOPE", "deal.UF_CRM_CITY"] }, TestContext.CurrentContext.CancellationToken);
        var known = await store.SaveAsync(file with { CustomFields = ["UF_CRM_CITY", "contact.UF_CRM_LOCALE", "deal.UF_CRM_PROMO_CODE"] }, TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(unknown.Select(e => e.Variable), Is.EqualTo(new[] { "UF_CRM_NOPE", "deal.UF_CRM_CITY" }));
            Assert.That(unknown[0].Message, Does.Contain("no contact field UF_CRM_NOPE"));
            Assert.That(known, Is.Empty);
        });
    }

    [Test]
    public async Task SaveAsync_MirrorWithoutCustomFields_DeclaredFieldsAccepted()
    {
        using var rig = new LedgerRig(TimeProvider.System);
        var store = new TemplateStore(rig.Connections, new TemplateCompiler(), TimeProvider.System);
        var errors = await store.SaveAsync(new TemplateFile { Name = "promo", Subject = "Hi", Html = "<p>x</p>", CustomFields = ["UF_CRM_CITY"] }, TestContext.CurrentContext.CancellationToken);
        Assert.That(errors, Is.Empty);
    }

    private static Dictionary<string, IReadOnlyList<string>> Fields(params string[] names) =>
        names.ToDictionary(n => n, _ => (IReadOnlyList<string>)["x"], StringComparer.Ordinal);
}
