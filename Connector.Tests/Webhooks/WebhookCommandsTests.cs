using Connector.Tests.Cli;

namespace Connector.Tests.Webhooks;

/// <summary><c>crm-esp webhooks add|list|remove|log</c> through <see cref="Connector.Cli.CliApp"/>: bad input exits 2 naming it; the secret is printed once and never listed.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class WebhookCommandsTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestCase("ftp://example.org/hook")]
    [TestCase("not a url")]
    [TestCase("http://user:pw@example.org/hook")]
    [TestCase("/relative/hook")]
    public async Task Add_UrlNotHttp_Exit2NamingIt(string url)
    {
        var (code, output, error) = await CliRun.RunAsync(_folder, "webhooks", "add", "--url", url, "--events", "sent");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain($"--url '{url}' is not an http(s) URL"));
            Assert.That(output, Is.Empty);
        });
    }

    [TestCase("http://127.0.0.1:9/hook")]
    [TestCase("http://localhost/hook")]
    [TestCase("https://10.1.2.3/hook")]
    [TestCase("http://192.168.0.10/hook")]
    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("http://[::1]/hook")]
    [TestCase("http://[fd00::1]/hook")]
    public async Task Add_LoopbackPrivateOrLinkLocal_Exit2UnlessAllowPrivate(string url)
    {
        var (code, _, error) = await CliRun.RunAsync(_folder, "webhooks", "add", "--url", url, "--events", "sent");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain($"--url '{url}' resolves to").And.Contain("Webhooks:AllowPrivate=true"));
        });
    }

    [Test]
    public async Task Add_UnknownEventOrWeakSecret_Exit2NamingIt()
    {
        var (events, _, eventsError) = await CliRun.RunAsync(_folder, "webhooks", "add", "--url", "http://127.0.0.1:9/h", "--events", "sent,delivered", "--Webhooks:AllowPrivate=true");
        var (secret, _, secretError) = await CliRun.RunAsync(_folder, "webhooks", "add", "--url", "http://127.0.0.1:9/h", "--events", "sent", "--secret", "short", "--Webhooks:AllowPrivate=true");
        var (config, _, configError) = await CliRun.RunAsync(_folder, "webhooks", "list", "--Webhooks:Timeout=00:00:00");

        Assert.Multiple(() =>
        {
            Assert.That((events, secret, config), Is.EqualTo((2, 2, 2)));
            Assert.That(eventsError, Does.Contain("--events: 'delivered' is not one of sent, opened"));
            Assert.That(secretError, Does.Contain("--secret must be").And.Not.Contain("short"));
            Assert.That(configError, Does.Contain("Webhooks:Timeout"));
        });
    }

    [Test]
    public async Task AddListLogRemove_AllowPrivate_SecretPrintedOnceAndNeverListed()
    {
        Assert.That((await CliRun.RunAsync(_folder, "sync", "--full", "--json", "--Sandbox:Contacts=5", "--Sandbox:Deals=2")).Code, Is.Zero);
        string[] allow = ["--Webhooks:AllowPrivate=true"];

        var (added, addOutput, addError) = await CliRun.RunAsync(_folder, ["webhooks", "add", "--url", "http://127.0.0.1:9/h", "--events", "sent, opened,OPENED", .. allow]);
        var (second, secondOutput, _) = await CliRun.RunAsync(_folder, ["webhooks", "add", "--url", "http://localhost:9/b", "--events", "bounced", "--secret", "a-plain-text-secret-of-24b", "--portal", "sandbox", .. allow]);
        var (_, list, _) = await CliRun.RunAsync(_folder, "webhooks", "list");
        var (log, logOutput, _) = await CliRun.RunAsync(_folder, "webhooks", "log", "--id", "1");
        var (removed, removeOutput, _) = await CliRun.RunAsync(_folder, "webhooks", "remove", "1");
        var (again, _, againError) = await CliRun.RunAsync(_folder, "webhooks", "remove", "1");
        await using (var connection = await new Connector.Store.SqliteConnectionFactory(Path.Combine(_folder, "m.db")).OpenAsync(TestContext.CurrentContext.CancellationToken))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE webhook_subscribers SET state = 'disabled', disabled_at = 'T2', disabled_reason = 'failing since T1: last attempt answered 500' WHERE id = 2");
        }

        var (_, after, _) = await CliRun.RunAsync(_folder, "webhooks", "list");

        var secret = addOutput.Split('\n').Single(l => l.StartsWith("secret: ", StringComparison.Ordinal))["secret: ".Length..].Split(' ')[0];
        Assert.Multiple(() =>
        {
            Assert.That((added, second, log, removed, again), Is.EqualTo((0, 0, 0, 0, 1)), addError);
            Assert.That(addOutput, Does.StartWith("webhook 1: http://127.0.0.1:9/h (sent,opened)"));
            Assert.That(secret, Does.Match("^whsec_[A-Za-z0-9+/]{32}$"));
            Assert.That(secondOutput, Does.StartWith("webhook 2: http://localhost:9/b (bounced)").And.Not.Contain("secret"));
            Assert.That(list, Does.Contain("1\tsandbox\tactive\thttp://127.0.0.1:9/h\tsent,opened\tsecret whsec_…"));
            Assert.That(list, Does.Contain("2\tsandbox\tactive\thttp://localhost:9/b\tbounced\tsecret (text)…"));
            Assert.That(list, Does.Not.Contain(secret[6..]).And.Not.Contain("a-plain-text"));
            Assert.That(logOutput, Is.Empty);
            Assert.That(removeOutput, Does.Contain("webhook 1 removed"));
            Assert.That(againError, Does.Contain("no subscriber 1"));
            Assert.That(after, Does.Not.Contain("127.0.0.1:9/h").And.Contain("2\tsandbox\tdisabled T2 (failing since T1: last attempt answered 500)\thttp://localhost:9/b"));
        });
    }
}
