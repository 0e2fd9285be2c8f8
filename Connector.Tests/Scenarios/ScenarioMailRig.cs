using System.Globalization;
using Connector.Host;
using Connector.Scenarios;
using Connector.Store;
using Connector.Sync;
using Connector.Templates;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;
using Connector.Tracking;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Connector.Tests.Scenarios;

/// <summary>
/// serve's composition on a real Kestrel port with a fake clock: the real send queue and its runner (serve's), DKIM
/// and token keys in a temp folder, Postfix's smtp-sink as the relay, the tracking endpoints with
/// <c>Tracking:BaseUrl</c> pointing at this very host. Deals move through the mirror's writer (as Sync records them);
/// the scenario pass is ticked by the test (the Quartz job is off), so the clock is the test's.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ScenarioMailRig : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-esp-scenario-mail-").FullName;
    private readonly SendingRig _keys = new();
    private WebApplication? _app;

    private ScenarioMailRig(SmtpSink sink, FakeTimeProvider time)
    {
        Sink = sink;
        Time = time;
    }

    public SmtpSink Sink { get; }

    public FakeTimeProvider Time { get; }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public long Portal { get; private set; }

    public IServiceProvider Services => _app!.Services;

    public string StorePath => Path.Combine(_folder, "crm-esp.db");

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    public static async Task<ScenarioMailRig> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var rig = new ScenarioMailRig(await SmtpSink.StartAsync(), new FakeTimeProvider(DateTimeOffset.UtcNow));
        rig.Url = new Uri($"http://127.0.0.1:{TestPorts.Free()}/");
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = rig.StorePath, ["App:PublicUrl"] = "https://connector.example/",
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = rig.Sink.Port.ToString(CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
            ["Sender:FromAddress"] = "news@example.com", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow", ["Dkim:Domain"] = "example.com",
            ["Dkim:KeyFolder"] = rig._keys.KeyFolder, ["Tracking:BaseUrl"] = rig.Url.AbsoluteUri.TrimEnd('/'), ["Bounces:Domain"] = "bounces.example.com",
            ["Sending:Validation:CheckMx"] = "false", ["Sending:Runner:PollIntervalSeconds"] = "1",
            ["Sync:JobsEnabled"] = "false", ["Scenarios:Enabled"] = "false", ["Timeline:Enabled"] = "false", ["Webhooks:Enabled"] = "false", ["Quartz:Store"] = "Memory",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(rig.Url.AbsoluteUri.TrimEnd('/'));
        builder.Logging.ClearProviders();
        builder.Services.AddConnector(builder.Configuration, new PortalChoice(null, SandboxForced: false, AppConfigured: true), rig.Time, ConnectorHostKind.Serve);
        var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(Token);
        app.MapTracking();
        await app.StartAsync(Token);
        rig._app = app;

        var mirror = app.Services.GetRequiredService<SqliteMirrorStore>();
        rig.Portal = await mirror.EnsurePortalAsync("test", "test.example", "webhook", Token);
        await mirror.UpsertPipelinesAsync(rig.Portal, [new CrmPipeline(0, "Sales", 0, true)], [
            new CrmStage("NEW", 0, "New", 10, "P", null), new CrmStage("PREPARATION", 0, "Proposal", 20, "P", null),
            new CrmStage("WON", 0, "Won", 40, "S", null), new CrmStage("LOSE", 0, "Lost", 50, "F", null),
        ], Token);
        var templates = app.Services.GetRequiredService<TemplateStore>();
        foreach (var name in new[] { "proposal", "proposal-reminder" })
        {
            var template = TemplateFileReader.Read(await File.ReadAllTextAsync(ScenarioRig.Manifest(Path.Combine("templates", $"{name}.yaml")), Token), $"{name}.yaml");
            Assert.That(await templates.SaveAsync(template, Token), Is.Empty, name);
        }

        return rig;
    }

    public async Task<ScenarioImport> ImportManifestAsync(string name)
    {
        var text = await File.ReadAllTextAsync(ScenarioRig.Manifest(Path.Combine("scenarios", name)), Token);
        var (imported, errors) = await Services.GetRequiredService<ScenarioImporter>().ImportAsync(text, Portal, Token);
        Assert.That(errors.Select(e => e.Format(name)), Is.Empty);
        return imported!;
    }

    /// <summary>Contacts with c{id}@example.com and deals (deal id = contact id) in <paramref name="stage"/>, as a poll writes them.</summary>
    public async Task MoveDealsAsync(IReadOnlyList<long> ids, string stage)
    {
        var mirror = Services.GetRequiredService<SqliteMirrorStore>();
        await mirror.UpsertContactsAsync(Portal, ids.Select(id => new ContactWrite(
            new CrmContact { Id = id, Name = $"Contact {id}", CreatedAt = Time.GetUtcNow(), CustomFields = CrmCustomFields.None },
            [EmailNormalizer.Normalize(new CrmEmail($"c{id}@example.com", "WORK"))])).ToList(), null, Token);
        await mirror.UpsertDealsAsync(Portal, ids.Select(id => new CrmDeal
        {
            Id = id, Title = $"Deal {id}", StageId = stage, CategoryId = 0, ContactIds = [id],
            StageSemantic = stage switch { "WON" => "S", "LOSE" => "F", _ => "P" },
            CreatedAt = Time.GetUtcNow(), ModifiedAt = Time.GetUtcNow(), MovedAt = Time.GetUtcNow(),
        }).ToList(), null, recordNewDeals: false, "poll", Token);
    }

    /// <summary>One serve tick: the trigger pass, then the dispatcher (which hands due sends to the queue; the runner sends them).</summary>
    public async Task<DispatchSummary> TickAsync()
    {
        await Services.GetRequiredService<ScenarioTriggers>().RunAsync(Token);
        return await Services.GetRequiredService<ScenarioDispatcher>().RunAsync(Token);
    }

    /// <summary>Waits until no ledger row of these send keys is still queued or in flight (the runner settled them).</summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await CountAsync("SELECT COUNT(*) FROM send_ledger WHERE state IN ('queued', 'sending', 'deferred')") > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the runner did not settle the queued letters");
            await Task.Delay(100, Token);
        }
    }

    public async Task<IReadOnlyList<MimeMessage>> CapturedAsync(int count) =>
        (await Sink.WaitForMessagesAsync(count)).Select(text => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)))).ToList();

    /// <summary>Fetches the message's open pixel from this host, as a mail client showing images would.</summary>
    public async Task OpenAsync(MimeMessage message)
    {
        var pixel = Connector.Tests.Tracking.TrackingRig.Pixel(message);
        Assert.That(pixel.Authority, Is.EqualTo(Url.Authority), "the pixel points at this host");
        using var client = new HttpClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
        using var answer = await client.GetAsync(pixel, Token);
        Assert.That((int)answer.StatusCode, Is.EqualTo(200));
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(Token);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, args, cancellationToken: Token));
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(Token);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: Token))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        await Sink.DisposeAsync();
        _keys.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
