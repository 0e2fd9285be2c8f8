using Connector.Sandbox;
using Connector.Tests.Cli;
using Connector.Tests.Sandbox;

namespace Connector.Tests.Timeline;

/// <summary><c>crm-esp sandbox timeline</c> against a running sandbox portal: log messages and comments of one record, oldest first.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SandboxTimelineCommandTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Timeline_ContactWithEntries_PrintsThemOldestFirst()
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var auth = (await rig.InstallAsync()).AccessToken;
        var contact = rig.Portal.Contacts[0].Id;
        await rig.CallAsync("crm.timeline.logmessage.add", new { fields = new { entityTypeId = 3, entityId = contact, title = "Письмо отправлено", text = "Рассылка «Весна»", iconCode = "info" } }, auth);
        await rig.Sandbox.PostAsync("crm.timeline.comment.add", new { fields = new { ENTITY_ID = contact, ENTITY_TYPE = "contact", COMMENT = "Письмо открыто\nРассылка «Весна»" } });
        await rig.Sandbox.PostAsync("crm.timeline.comment.add", new { fields = new { ENTITY_ID = rig.Portal.Contacts[1].Id, ENTITY_TYPE = "contact", COMMENT = "other" } });
        var serve = rig.Sandbox.Host.WebhookUrl.GetLeftPart(UriPartial.Authority);
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

        var (code, output, error) = await CliRun.RunAsync(folder, "sandbox", "timeline", "--contact", contact.ToString(System.Globalization.CultureInfo.InvariantCulture), "--url", serve);
        var (both, _, bothError) = await CliRun.RunAsync(folder, "sandbox", "timeline", "--contact", "1", "--deal", "1", "--url", serve);
        var lines = output.Trim().Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(lines[0], Does.Contain($"contact {contact}: 2 timeline entries"));
            Assert.That(lines[1], Does.Contain("log").And.Contain("Письмо отправлено — Рассылка «Весна»"));
            Assert.That(lines[2], Does.Contain("comment").And.Contain("Письмо открыто Рассылка «Весна»"));
            Assert.That(output, Does.Not.Contain("other"));
            Assert.That(both, Is.EqualTo(2));
            Assert.That(bothError, Does.Contain("exactly one of --contact ID or --deal ID"));
        });
    }
}
