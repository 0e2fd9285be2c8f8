using Connector.Cli;
using Connector.Host;
using Connector.Tests.Sending;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Host;

[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SandboxSendingDefaultsTests
{
    private static readonly PortalChoice Sandbox = new(null, SandboxForced: false);
    private static readonly Uri Self = new("http://127.0.0.1:5090/");

    [Test]
    public void For_SandboxWithoutRelay_DefaultsTheSandboxSenderBesideTheStore()
    {
        var defaults = SandboxSendingDefaults.For(Configuration(("Store:Path", "/srv/crm/data/s.db")), Sandbox, Self);

        Assert.Multiple(() =>
        {
            Assert.That(defaults["Sender:FromAddress"], Is.EqualTo("news@sandbox.example"));
            Assert.That(defaults["Dkim:Domain"], Is.EqualTo("sandbox.example"));
            Assert.That(defaults["Dkim:KeyFolder"], Is.EqualTo("/srv/crm/data/dkim"));
            Assert.That(defaults["Bounces:Domain"], Is.EqualTo("bounces.sandbox.example"));
            Assert.That(defaults["Tracking:BaseUrl"], Is.EqualTo("http://127.0.0.1:5090"));
            Assert.That(defaults["Sending:Validation:CheckMx"], Is.EqualTo("false"));
        });
    }

    [TestCase("Smtp:Host", "relay.example.com")]
    [TestCase("Smtp:PickupFolder", "/tmp/out")]
    [TestCase("Smtp:Transports:0:Host", "relay.example.com")]
    public void For_RelayConfigured_DefaultsNothing(string key, string value) =>
        Assert.That(SandboxSendingDefaults.For(Configuration((key, value)), Sandbox, Self), Is.Empty);

    [Test]
    public void For_CrmConfigured_DefaultsNothing() =>
        Assert.That(SandboxSendingDefaults.For(Configuration(), new PortalChoice("https://portal.example.com/rest/1/abc/", SandboxForced: false), Self), Is.Empty);

    [Test]
    public void For_OwnSender_KeepsItsDomainsAndEveryKeySet()
    {
        var defaults = SandboxSendingDefaults.For(
            Configuration(("Sender:FromAddress", "news@shop.test"), ("Tracking:BaseUrl", "https://t.shop.test"), ("Sending:Validation:CheckMx", "true")), Sandbox, Self);

        Assert.That(defaults.Keys, Is.Empty, "a sender of one's own keeps its DKIM and bounce domains (start-up checks them), and set keys are never replaced");
    }

    [Test]
    public async Task SendTest_FirstRunInTheSandbox_SignsWithKeysMadeBesideTheStoreAndWritesThePickup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-sbx-" + Guid.NewGuid().ToString("N"));
        var store = Path.Combine(folder, "data", "crm-esp.db");
        try
        {
            var code = await CliApp.RunAsync(
                ["send-test", "--template", Path.Combine(Peers.RepoRoot, "manifests", "templates", "november-sale.json"), "--to", "reader@example.org", $"--Store:Path={store}"],
                TimeProvider.System, TestContext.CurrentContext.CancellationToken);
            var written = Directory.GetFiles(Path.Combine(folder, "data", "pickup"), "*.eml");
            var message = written.Length == 1 ? await File.ReadAllTextAsync(written[0]) : "";
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero);
                Assert.That(written, Has.Length.EqualTo(1));
                Assert.That(Directory.GetFiles(Path.Combine(folder, "data", "dkim"), "*.pem"), Has.Length.EqualTo(2), "an RSA and an Ed25519 key for sandbox.example");
                Assert.That(message, Does.Contain("From: CrmEspBridge sandbox <news@sandbox.example>"));
                Assert.That(message, Does.Contain("d=sandbox.example; s=rsa-"));
                Assert.That(message, Does.Contain("http://127.0.0.1:5080/t/u/"), "tracking links point at serve's default URL");
            });

            // A second send reuses the keys: none is made again.
            Assert.That(await CliApp.RunAsync(
                ["send-test", "--template", Path.Combine(Peers.RepoRoot, "manifests", "templates", "november-sale.json"), "--to", "reader2@example.org", $"--Store:Path={store}"],
                TimeProvider.System, TestContext.CurrentContext.CancellationToken), Is.Zero);
            Assert.That(Directory.GetFiles(Path.Combine(folder, "data", "dkim"), "*.pem"), Has.Length.EqualTo(2));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public async Task SendTest_RealDkimDomainWithoutKeys_MakesNoKeyAndSaysWhatIsMissing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-sbx-" + Guid.NewGuid().ToString("N"));
        try
        {
            var code = await CliApp.RunAsync(
                ["send-test", "--template", Path.Combine(Peers.RepoRoot, "manifests", "templates", "november-sale.json"), "--to", "reader@example.org",
                    $"--Store:Path={Path.Combine(folder, "crm-esp.db")}", "--Sender:FromAddress=news@shop.test", "--Dkim:Domain=shop.test", $"--Dkim:KeyFolder={Path.Combine(folder, "dkim")}"],
                TimeProvider.System, TestContext.CurrentContext.CancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Not.Zero);
                Assert.That(Directory.Exists(Path.Combine(folder, "dkim")) ? Directory.GetFiles(Path.Combine(folder, "dkim")) : [], Is.Empty, "keys for a real domain are made by `dkim keygen` only");
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
