using Connector.Sandbox;
using Connector.Store;
using Connector.Tests.Crm.Bitrix24.App;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Sync;

/// <summary>
/// The first full sync mirrors the names of the portal's contact and deal custom fields in both of the app's languages
/// (crm.contact.userfield.list and crm.deal.userfield.list with filter[LANG]), and a later full sync replaces them.
/// </summary>
[NonParallelizable]
[CancelAfter(180_000)]
public sealed class FieldLabelSyncTests
{
    [Test]
    public async Task FullSync_MirrorsEachFieldsNameInRussianAndEnglish(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();
        await rig.InstallAsync();
        Assert.That(await AppRig.EventuallyAsync(() => rig.BaselineAsync()), Is.True, "the first full sync finished");
        var portalId = await rig.PortalIdAsync();
        await using var connection = await rig.View.GetRequiredService<SqliteConnectionFactory>().OpenAsync(cancellationToken);
        var labels = (await connection.QueryAsync<(string Owner, string Code, string Lang, string Type, string Label)>(
            "SELECT owner, code, lang, type, label FROM custom_field_labels WHERE portal_id = @Portal", new { Portal = portalId })).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(labels, Does.Contain(("contact", SandboxUserFields.City, "ru", "string", "Город")));
            Assert.That(labels, Does.Contain(("contact", SandboxUserFields.City, "en", "string", "City")));
            Assert.That(labels, Does.Contain(("contact", SandboxUserFields.Points, "en", "double", "Loyalty points")));
            Assert.That(labels, Does.Contain(("deal", SandboxUserFields.DeliveryDate, "ru", "date", "Дата доставки")));
            Assert.That(labels.Where(l => l.Lang == "en").Select(l => l.Code), Is.SupersetOf(SandboxUserFields.Definitions.Select(d => d.FieldName)), "every field the portal was set up with");
            Assert.That(labels.Count(l => l.Lang == "ru"), Is.EqualTo(labels.Count(l => l.Lang == "en")));
        });
    }
}
