using Connector.Host;
using Connector.Scenarios;
using Connector.Sending.Queue;
using Connector.Store;
using Connector.Sync;
using Connector.Templates;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Scenarios;

/// <summary>
/// The one composition on a real SQLite file in a temp folder, a fake clock and a fake send queue: a portal "test"
/// whose default pipeline (0) has NEW, PREPARATION, EXECUTING, WON (S) and LOSE (F), and the shipped templates.
/// Deals move through the mirror's own writer, so the transitions the triggers read are the ones Sync records.
/// </summary>
internal sealed class ScenarioRig : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private ScenarioRig(ServiceProvider services, FakeTimeProvider time, FakeSendQueue queue, FakeScenarioCrm crm, long portal, string folder)
    {
        Crm = crm;
        _services = services;
        Time = time;
        Queue = queue;
        Portal = portal;
        Folder = folder;
    }

    public FakeTimeProvider Time { get; }

    public FakeSendQueue Queue { get; }

    public FakeScenarioCrm Crm { get; }

    public long Portal { get; }

    public string Folder { get; }

    public IServiceProvider Services => _services;

    public SqliteMirrorStore Mirror => _services.GetRequiredService<SqliteMirrorStore>();

    public ScenarioStore Scenarios => _services.GetRequiredService<ScenarioStore>();

    public EnrollmentStore Enrollments => _services.GetRequiredService<EnrollmentStore>();

    public SqliteConnectionFactory Connections => _services.GetRequiredService<SqliteConnectionFactory>();

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    public static async Task<ScenarioRig> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?> { ["Store:Path"] = Path.Combine(folder, "m.db") };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new FakeTimeProvider(T0);
        var queue = new FakeSendQueue();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddConnector(configuration, new PortalChoice(null, SandboxForced: false), time, ConnectorHostKind.Cli);
        // After the composition, so this fake wins over any queue Sending registers.
        services.AddSingleton<ISendQueue>(queue);
        var crm = new FakeScenarioCrm();
        services.AddSingleton<IScenarioCrm>(crm);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(Token);
        var mirror = provider.GetRequiredService<SqliteMirrorStore>();
        var portal = await mirror.EnsurePortalAsync("test", "test.example", "webhook", Token);
        await mirror.UpsertPipelinesAsync(portal, [new CrmPipeline(0, "Sales", 0, true), new CrmPipeline(1, "Service", 1, false)], [
            new CrmStage("NEW", 0, "New", 10, "P", null), new CrmStage("PREPARATION", 0, "Proposal", 20, "P", null),
            new CrmStage("EXECUTING", 0, "In work", 30, "P", null), new CrmStage("WON", 0, "Won", 40, "S", null),
            new CrmStage("LOSE", 0, "Lost", 50, "F", null), new CrmStage("C1:NEW", 1, "New", 10, "P", null),
        ], Token);
        var rig = new ScenarioRig(provider, time, queue, crm, portal, folder);
        await rig.SaveTemplatesAsync();
        return rig;
    }

    public static string Manifest(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmEspBridge.sln")))
            {
                return Path.Combine(dir.FullName, "manifests", relative);
            }
        }

        throw new DirectoryNotFoundException("repository root (CrmEspBridge.sln) not found");
    }

    public async Task<ScenarioImport> ImportAsync(string text)
    {
        var (imported, errors) = await _services.GetRequiredService<ScenarioImporter>().ImportAsync(text, Portal, Token);
        Assert.That(errors.Select(e => e.Format("scenario")), Is.Empty);
        return imported!;
    }

    public Task<ScenarioImport> ImportManifestAsync(string name) => ImportAsync(File.ReadAllText(Manifest(Path.Combine("scenarios", name))));

    /// <summary>Contacts 1..n with c{id}@example.com, in one write.</summary>
    public Task AddContactsAsync(IEnumerable<long> ids, IReadOnlyDictionary<string, IReadOnlyList<string>>? fields = null, DateTimeOffset? createdAt = null) =>
        Mirror.UpsertContactsAsync(Portal, ids.Select(id => new ContactWrite(
            new CrmContact { Id = id, Name = $"Contact {id}", CreatedAt = createdAt ?? Time.GetUtcNow(), CustomFields = fields ?? CrmCustomFields.None },
            [EmailNormalizer.Normalize(new CrmEmail($"c{id}@example.com", "WORK"))])).ToList(), null, Token);

    /// <summary>Deals (each with contact id = deal id) written or moved to <paramref name="stage"/> at <paramref name="movedAt"/> (default now), as a poll finds them.</summary>
    public Task<int> MoveDealsAsync(IEnumerable<long> ids, string stage, DateTimeOffset? movedAt = null, long pipeline = 0) =>
        Mirror.UpsertDealsAsync(Portal, ids.Select(id => new CrmDeal
        {
            Id = id, Title = $"Deal {id}", StageId = stage, CategoryId = pipeline, ContactIds = [id],
            StageSemantic = stage switch { "WON" => "S", "LOSE" => "F", _ => "P" },
            CreatedAt = T0, ModifiedAt = movedAt ?? Time.GetUtcNow(), MovedAt = movedAt ?? Time.GetUtcNow(),
        }).ToList(), null, recordNewDeals: false, "poll", Token);

    public Task<int> MoveDealAsync(long id, string stage, DateTimeOffset? movedAt = null) => MoveDealsAsync([id], stage, movedAt);

    /// <summary>One serve tick: the trigger pass, then the dispatcher.</summary>
    public async Task<DispatchSummary> TickAsync()
    {
        await _services.GetRequiredService<ScenarioTriggers>().RunAsync(Token);
        return await _services.GetRequiredService<ScenarioDispatcher>().RunAsync(Token);
    }

    public async Task OpenAsync(string sendKey, bool machine = false)
    {
        await using var connection = await Connections.OpenAsync(Token);
        await connection.ExecuteAsync(
            "INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES (@Ledger, 1, 'open', @At, @Machine)",
            new { Ledger = Queue.RowOf(sendKey) ?? throw new InvalidOperationException($"nothing queued for {sendKey}"), At = UtcText.From(Time.GetUtcNow()), Machine = machine ? 1 : 0 });
    }

    public async Task<IReadOnlyList<(long Id, string State, string? Reason, long Version, string? Step)>> EnrollmentsAsync(long scenario)
    {
        await using var connection = await Connections.OpenAsync(Token);
        return (await connection.QueryAsync<(long, string, string?, long, string?)>(
            "SELECT id, state, exit_reason, version, step FROM scenario_enrollments WHERE scenario_id = @Id ORDER BY id", new { Id = scenario })).ToList();
    }

    public IReadOnlyList<string> SentKeys() => Queue.Created.Select(l => l.SendKey).ToList();

    private async Task SaveTemplatesAsync()
    {
        var store = new TemplateStore(Connections, new TemplateCompiler(), Time);
        foreach (var name in new[] { "proposal", "proposal-reminder", "welcome", "welcome-tips", "we-miss-you" })
        {
            var template = TemplateFileReader.Read(File.ReadAllText(Manifest(Path.Combine("templates", $"{name}.yaml"))), $"{name}.yaml");
            Assert.That(await store.SaveAsync(template, Token), Is.Empty, name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
