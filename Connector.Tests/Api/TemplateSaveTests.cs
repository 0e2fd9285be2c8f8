using System.Net;
using System.Net.Http.Json;
using Connector.Tests.Reports;

namespace Connector.Tests.Api;

/// <summary><c>crm-esp template save --template FILE</c> stores a version that the API then sends by name; a broken template or a saved version again is refused.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[NonParallelizable]
public sealed class TemplateSaveTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task TemplateSave_ThenPostByName_202_BrokenOrRepeatedVersionExit1(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = "false" });
        await rig.SeedContactAsync(1, 7, "Anna", null, [("anna@example.org", true)]);
        var good = Path.Combine(rig.Folder, "receipt.json");
        var broken = Path.Combine(rig.Folder, "broken.json");
        await File.WriteAllTextAsync(good, """{"name": "receipt", "version": 3, "subject": "Receipt {{ vars.number }}", "html": "<p>{{ contact.name }}: {{ vars.total }}</p>"}""", cancellationToken);
        await File.WriteAllTextAsync(broken, """{"name": "broken", "subject": "Hi {{ contact.nickname }}", "html": "<p>x</p>"}""", cancellationToken);

        var (code, output, error) = await ReportCli.RunAsync(rig.StorePath, "template", "save", "--template", good);
        var (again, _, againError) = await ReportCli.RunAsync(rig.StorePath, "template", "save", "--template", good);
        var (bad, _, badError) = await ReportCli.RunAsync(rig.StorePath, "template", "save", "--template", broken);
        var (_, key) = await rig.CreateKeyAsync(1);
        using var client = rig.Client(key);
        using var posted = await client.PostAsJsonAsync(new Uri("api/v1/messages", UriKind.Relative),
            new { template = "receipt", template_version = 3, contact_id = 7, variables = new { number = 12, total = "1 500 ₽" } }, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((code, output.Trim()), Is.EqualTo((0, "saved receipt version 3")), error);
            Assert.That((again, againError), Is.EqualTo((1, "crm-esp: receipt: version 3 already exists; save a new version" + Environment.NewLine)));
            Assert.That(bad, Is.EqualTo(1));
            Assert.That(badError, Does.Contain("unknown variable (contact.nickname)"));
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await posted.Content.ReadAsStringAsync(cancellationToken));
        });
    }
}
