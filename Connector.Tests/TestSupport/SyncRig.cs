using Connector.Host;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Reading;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Tests.TestSupport;

/// <summary>
/// A real sandbox portal on loopback, the real client and pipeline, and a real SQLite file in a temp folder. Every call
/// takes the running test's token (<see cref="TestContext.CancellationToken"/>, fired by [CancelAfter]).
/// </summary>
public sealed class SyncRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _folder;

    private SyncRig(SandboxHost sandbox, ServiceProvider services, string folder, Bitrix24Portal portal)
    {
        Sandbox = sandbox;
        _services = services;
        _folder = folder;
        Portal = portal;
    }

    public SandboxHost Sandbox { get; }

    /// <summary>The rig's composition (store, client, slices) for tests that build their own services on it.</summary>
    public IServiceProvider Services => _services;

    public SandboxPortal Crm => Sandbox.Portal;

    public Bitrix24Portal Portal { get; }

    public MirrorSync Sync => _services.GetRequiredService<MirrorSync>();

    public MirrorQueries Queries => _services.GetRequiredService<MirrorQueries>();

    public SqliteMirrorStore Mirror => _services.GetRequiredService<SqliteMirrorStore>();

    public ISyncStateStore State => _services.GetRequiredService<ISyncStateStore>();

    public string DatabasePath => Path.Combine(_folder, "mirror.db");

    /// <param name="portalUrl">Where the connector sends its calls, given the sandbox's webhook URL (a proxy in front of it).</param>
    public static async Task<SyncRig> StartAsync(
        SandboxOptions options, IDictionary<string, string?>? settings = null, Func<IBitrix24Client, IBitrix24Client>? decorate = null, Func<Uri, Uri>? portalUrl = null)
    {
        var sandbox = await SandboxHost.StartAsync(options, TimeProvider.System, TestContext.CurrentContext.CancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?> { ["Store:Path"] = Path.Combine(folder, "mirror.db") };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var portal = new Bitrix24Portal("sandbox", portalUrl?.Invoke(sandbox.WebhookUrl) ?? sandbox.WebhookUrl, Bitrix24AuthMode.Webhook);
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        // The rig's portal, and a client it may decorate with faults, stand in for the configured ones.
        services.AddSingleton<ICrmSourceProvider>(sp => new global::Connector.Crm.Bitrix24.Portals.Bitrix24SourceProvider(
            _ => Task.FromResult<IReadOnlyList<Bitrix24Portal>>([portal]), sp.GetRequiredService<global::Connector.Crm.Bitrix24.Installs.Bitrix24InstallStore>(),
            () => (decorate ?? (c => c))(sp.GetRequiredService<IBitrix24Client>()), NullLogger<Bitrix24CrmSource>.Instance));
        services.AddConnector(configuration, new PortalChoice(null, SandboxForced: false), TimeProvider.System, ConnectorHostKind.Cli);
        services.Configure<Bitrix24ClientOptions>(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(20));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(TestContext.CurrentContext.CancellationToken);
        return new SyncRig(sandbox, provider, folder, portal);
    }

    public Task<SyncSummary> RunAsync(SyncMode mode) => Sync.RunAsync("sandbox", mode, TestContext.CurrentContext.CancellationToken);

    /// <summary>The sync engine on its own clock (the client, the store and the sandbox keep the real one).</summary>
    public MirrorSync SyncOn(TimeProvider clock) => new(
        _services.GetRequiredService<ICrmSourceProvider>(),
        _services.GetRequiredService<IMirrorWriter>(),
        State,
        _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SyncOptions>>(),
        clock,
        NullLogger<MirrorSync>.Instance);

    public Bitrix24Counters Counters => _services.GetRequiredService<IBitrix24Client>().CountersFor(Portal);

    public async Task<List<ContactExportRow>> ContactsAsync()
    {
        var id = await Queries.PortalIdAsync("sandbox", TestContext.CurrentContext.CancellationToken) ?? throw new InvalidOperationException("no portal");
        return await Queries.ContactsAsync(id, TestContext.CurrentContext.CancellationToken).ToListAsync();
    }

    public async Task<List<DealExportRow>> DealsAsync()
    {
        var id = await Queries.PortalIdAsync("sandbox", TestContext.CurrentContext.CancellationToken) ?? throw new InvalidOperationException("no portal");
        return await Queries.DealsAsync(id, TestContext.CurrentContext.CancellationToken).ToListAsync();
    }

    public async Task<List<TransitionRow>> TransitionsAsync(long? dealId = null)
    {
        var id = await Queries.PortalIdAsync("sandbox", TestContext.CurrentContext.CancellationToken) ?? throw new InvalidOperationException("no portal");
        return await Queries.TransitionsAsync(id, dealId, TestContext.CurrentContext.CancellationToken).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
