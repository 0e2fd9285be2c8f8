using Connector.Templates;
using Connector.Tests.Sending;

namespace Connector.Tests.Templates;

public sealed class TemplateStoreTests
{
    [Test]
    public async Task SaveAsync_UnknownVariable_RefusedAndNotStored()
    {
        using var rig = new LedgerRig(TimeProvider.System);
        var store = new TemplateStore(rig.Connections, new TemplateCompiler(), TimeProvider.System);
        var errors = await store.SaveAsync(new TemplateFile { Name = "promo", Subject = "Hi {{ contact.nickname }}", Html = "<p>x</p>" }, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(errors.Single().ToString(), Is.EqualTo("promo (subject):1: unknown variable (contact.nickname)"));
            Assert.That(await store.LatestAsync("promo", CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task SaveAsync_ValidVersions_LatestReadBackAndVersionsImmutable()
    {
        using var rig = new LedgerRig(TimeProvider.System);
        var store = new TemplateStore(rig.Connections, new TemplateCompiler(), TimeProvider.System);
        var v1 = new TemplateFile { Name = "promo", Version = 1, Subject = "Hi {{ contact.name }}", Html = "<p>one</p>" };
        Assert.That(await store.SaveAsync(v1, CancellationToken.None), Is.Empty);
        Assert.That(await store.SaveAsync(v1 with { Version = 2, Html = "<p>two</p>" }, CancellationToken.None), Is.Empty);
        var again = await store.SaveAsync(v1 with { Html = "<p>changed</p>" }, CancellationToken.None);
        var latest = await store.LatestAsync("promo", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((latest?.Version, latest?.Html), Is.EqualTo(((int?)2, "<p>two</p>")));
            Assert.That(again.Single().Message, Is.EqualTo("version 1 already exists; save a new version"));
        });
    }
}
