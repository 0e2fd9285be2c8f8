using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Cli;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Cli;

/// <summary>The command line as the acceptance checks use it: verbs, options, field names, exit codes.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class CliAppTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => _folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

    [Test]
    public async Task RunAsync_InvalidSetting_ExitTwoAndOneLineNamingTheKey()
    {
        var (code, _, error) = await RunAsync("sync", "--Sync:IncrementalInterval=soon");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("Sync:IncrementalInterval"));
        });
    }

    [Test]
    public async Task RunAsync_ServeWithUrlsNotAUrl_ExitTwoNamingUrls()
    {
        var (code, _, error) = await RunAsync("serve", "--urls", "notaurl");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain("urls: 'notaurl' is not an absolute http(s) URL"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunAsync_ServeOnAPortInUse_ExitOneWithOneLineAndNoStackTrace()
    {
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;

        var (code, _, error) = await RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--Sync:JobsEnabled=false", "--Sandbox:InstallApp=false",
            "--Logging:LogLevel:Default=None");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain($"cannot listen on http://127.0.0.1:{port}").And.Contain("already in use"));
            Assert.That(error, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task RunAsync_MisspelledKey_WarnedOnceAndTheVerbStillRuns()
    {
        var (code, _, error) = await RunAsync("stages", "--Smtp:Hots=relay.example.com", "--Smtp:Host=relay.example.com");

        Assert.Multiple(() =>
        {
            Assert.That(Regex.Count(error, "Smtp:Hots"), Is.EqualTo(1), error);
            Assert.That(error, Does.Contain("warning: Smtp:Hots is not a known setting and is ignored; did you mean Smtp:Host?"));
            Assert.That(code, Is.EqualTo(1), "stages on an empty mirror says so and exits 1 (the warning does not stop it)");
            Assert.That(error, Does.Contain("the mirror is empty"));
        });
    }

    [Test]
    public async Task RunAsync_SyncFullJsonThenExports_FieldsAsDocumented()
    {
        var (code, output, error) = await RunAsync("sync", "--full", "--json", "--Sandbox:Contacts=120", "--Sandbox:Deals=40");
        var summary = JsonDocument.Parse(output).RootElement;
        var (_, contactsJsonl, _) = await RunAsync("contacts", "export", "--format", "jsonl");
        var (_, dealsCsv, _) = await RunAsync("deals", "export", "--format", "csv");
        var (_, dealsJsonl, _) = await RunAsync("deals", "export", "--format", "jsonl");
        var (transitionsCode, transitions, _) = await RunAsync("transitions", "--json");
        var first = JsonDocument.Parse(contactsJsonl.Split('\n')[0]).RootElement;
        var deal = JsonDocument.Parse(dealsJsonl.Split('\n')[0]).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(summary.GetProperty("contacts").GetInt64(), Is.EqualTo(120));
            Assert.That(summary.GetProperty("deals").GetInt64(), Is.EqualTo(40));
            Assert.That(summary.GetProperty("requests").GetInt64(), Is.GreaterThan(0));
            Assert.That(contactsJsonl.Trim().Split('\n'), Has.Length.EqualTo(120));
            Assert.That(new[] { "id", "name", "last_name", "emails", "deleted" }.All(f => first.TryGetProperty(f, out _)), Is.True, contactsJsonl.Split('\n')[0]);
            Assert.That(first.GetProperty("emails").ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(dealsCsv.Split('\n')[0].Trim(), Does.StartWith("id,title,stage_id,category_id").And.Contain("contact_ids").And.Contain("deleted"));
            Assert.That(dealsCsv.Trim().Split('\n'), Has.Length.EqualTo(41));
            Assert.That(deal.GetProperty("contact_ids").ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(transitionsCode, Is.Zero);
            Assert.That(JsonDocument.Parse(transitions).RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array));
        });
    }

    [Test]
    public async Task RunAsync_PortalRejectsCredentials_NonZeroExitAndOneClearLine()
    {
        await using var sandbox = await Connector.Sandbox.SandboxHost.StartAsync(new Connector.Sandbox.SandboxOptions(), TimeProvider.System, TestContext.CurrentContext.CancellationToken);
        var wrong = new Uri(sandbox.WebhookUrl, "../wrongcode/").ToString();

        var (code, _, error) = await RunAsync("sync", "--json", $"--Bitrix24:WebhookUrl={wrong}");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain("Auth").And.Not.Contain("wrongcode"));
        });
    }

    [Test]
    public async Task RunAsync_PortalAnswersHtml_NonZeroExitNamingTheProblem()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html><body>Maintenance</body></html>"));

        var (code, _, error) = await RunAsync("sync", "--json", $"--Bitrix24:WebhookUrl={server.Url}/rest/1/abc123/");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(error, Does.Contain("InvalidResponse").And.Contain("batch"));
            Assert.That(error, Does.Not.Contain("abc123"));
        });
    }

    [Test]
    public async Task RunAsync_PortalUnreachable_NonZeroExitAndOneLine()
    {
        var (code, _, error) = await RunAsync("sync", "--json", "--Bitrix24:WebhookUrl=http://127.0.0.1:9/rest/1/abc123/");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain("Unreachable"));
        });
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(_folder, args);
}
