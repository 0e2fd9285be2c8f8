using System.Text.Json;
using Connector.Store;
using Dapper;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Cli;

/// <summary>Portals are recorded once they answered; <c>portals list</c> and <c>portals remove</c>.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class PortalCommandsTests
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

    [Test]
    [CancelAfter(60_000)]
    public async Task Sync_WebhookAnswers401AfterSandbox_NoSecondPortalAndReportsNeedNoPortalOption(CancellationToken cancellationToken)
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
            .WithBody("""{"error":"invalid_token","error_description":"The access token provided is invalid."}"""));
        Assert.That((await RunAsync("sync", "--full", "--json", "--Sandbox:Contacts=10", "--Sandbox:Deals=10")).Code, Is.Zero);

        var (failed, _, _) = await RunAsync("sync", "--json", $"--Bitrix24:WebhookUrl={server.Url}/rest/1/abc123/");
        var (unreachable, _, _) = await RunAsync("sync", "--json", "--Bitrix24:WebhookUrl=http://127.0.0.1:9/rest/1/abc123/");
        var (_, list, _) = await RunAsync("portals", "list", "--json");
        var (stages, _, stagesError) = await RunAsync("stages");
        var (export, _, exportError) = await RunAsync("contacts", "export");

        var keys = JsonDocument.Parse(list).RootElement.EnumerateArray().Select(p => p.GetProperty("key").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((failed, unreachable), Is.EqualTo((1, 1)));
            Assert.That(keys, Is.EqualTo(new[] { "sandbox" }));
            Assert.That(stages, Is.Zero, stagesError);
            Assert.That(export, Is.Zero, exportError);
        });
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task List_TwoPortals_KeyKindStatusLastSyncAndCounts(CancellationToken cancellationToken)
    {
        await using var other = await Connector.Sandbox.SandboxHost.StartAsync(new Connector.Sandbox.SandboxOptions { Contacts = 7, Deals = 3 }, TimeProvider.System, cancellationToken);
        await RunAsync("sync", "--full", "--json", "--Sandbox:Contacts=10", "--Sandbox:Deals=10");
        await RunAsync("sync", "--full", "--json", $"--Bitrix24:WebhookUrl={other.WebhookUrl}");

        var (code, list, error) = await RunAsync("portals", "list", "--json");
        var (stages, _, stagesError) = await RunAsync("stages");
        var (table, text, _) = await RunAsync("portals", "list");

        var rows = JsonDocument.Parse(list).RootElement.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(rows.Select(r => (r.GetProperty("key").GetString(), r.GetProperty("kind").GetString(), r.GetProperty("last_sync_status").GetString(), r.GetProperty("contacts").GetInt64(), r.GetProperty("deals").GetInt64())),
                Is.EqualTo(new[] { ("sandbox", "webhook", "succeeded", 10L, 10L), (Connector.Crm.Bitrix24.Portals.WebhookUrl.ToPortal(other.WebhookUrl.ToString()).Key, "webhook", "succeeded", 7L, 3L) }));
            Assert.That(rows[0].GetProperty("last_sync_at").GetString(), Is.Not.Null);
            Assert.That(stages, Is.EqualTo(1), "two portals: the report asks which");
            Assert.That(stagesError, Does.Contain("--portal"));
            Assert.That(table, Is.Zero);
            Assert.That(text, Does.Contain("sandbox").And.Contain("succeeded"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Remove_WebhookPortal_DeletesAllItsRowsInOneGoAndTheOtherStays(CancellationToken cancellationToken)
    {
        await using var other = await Connector.Sandbox.SandboxHost.StartAsync(new Connector.Sandbox.SandboxOptions { Contacts = 7, Deals = 3 }, TimeProvider.System, cancellationToken);
        await RunAsync("sync", "--full", "--json", "--Sandbox:Contacts=10", "--Sandbox:Deals=10");
        await RunAsync("sync", "--full", "--json", $"--Bitrix24:WebhookUrl={other.WebhookUrl}");
        var key = Connector.Crm.Bitrix24.Portals.WebhookUrl.ToPortal(other.WebhookUrl.ToString()).Key;

        var (code, output, error) = await RunAsync("portals", "remove", key);
        var (again, _, againError) = await RunAsync("portals", "remove", key);
        var (stages, _, stagesError) = await RunAsync("stages");
        await using var connection = await new SqliteConnectionFactory(Path.Combine(_folder, "m.db")).OpenAsync(cancellationToken);
        var left = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT (SELECT COUNT(*) FROM contacts WHERE portal_id <> 1) + (SELECT COUNT(*) FROM deals WHERE portal_id <> 1)
                 + (SELECT COUNT(*) FROM sync_runs WHERE portal_id <> 1) + (SELECT COUNT(*) FROM sync_cursors WHERE portal_id <> 1)
                 + (SELECT COUNT(*) FROM portals WHERE id <> 1)
            """, cancellationToken: cancellationToken));
        var kept = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM contacts WHERE portal_id = 1", cancellationToken: cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output.Trim(), Is.EqualTo($"removed portal {key}: 7 contacts, 3 deals, 0 transitions"));
            Assert.That(again, Is.EqualTo(1));
            Assert.That(againError, Does.Contain("no portal"));
            Assert.That((left, kept), Is.EqualTo((0L, 10L)));
            Assert.That(stages, Is.Zero, stagesError);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Remove_ActiveAppInstall_RefusedWithoutForce(CancellationToken cancellationToken)
    {
        await RunAsync("sync", "--full", "--json", "--Sandbox:Contacts=3", "--Sandbox:Deals=3");
        await using (var connection = await new SqliteConnectionFactory(Path.Combine(_folder, "m.db")).OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO portals (portal_key, domain, auth_mode, created_at, updated_at) VALUES ('m1', 'm1.bitrix24.ru', 'oauth', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
                INSERT INTO bitrix24_installs (member_id, portal_id, domain, client_endpoint, application_token, status, installed_at, updated_at)
                SELECT 'm1', id, 'm1.bitrix24.ru', 'https://m1.bitrix24.ru/rest/', 'x', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM portals WHERE portal_key = 'm1';
                """, cancellationToken: cancellationToken));
        }

        var (refused, _, refusal) = await RunAsync("portals", "remove", "m1", "--sandbox");
        var (_, listed, _) = await RunAsync("portals", "list", "--json", "--sandbox");
        var (forced, _, forcedError) = await RunAsync("portals", "remove", "m1", "--force", "--sandbox");
        var (_, after, _) = await RunAsync("portals", "list", "--json", "--sandbox");

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(1));
            Assert.That(refusal, Does.Contain("active app install").And.Contain("--force"));
            Assert.That(JsonDocument.Parse(listed).RootElement.EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("kind").GetString(), p.GetProperty("status").GetString())),
                Is.EqualTo(new[] { ("sandbox", "webhook", "-"), ("m1", "app", "active") }));
            Assert.That(forced, Is.Zero, forcedError);
            Assert.That(JsonDocument.Parse(after).RootElement.GetArrayLength(), Is.EqualTo(1));
        });
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(_folder, args);
}
