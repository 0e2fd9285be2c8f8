using Connector.Tests.TestSupport;
using Connector.Host;
using System.Net;
using System.Net.Sockets;
using Connector.Cli;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Crm.Bitrix24.Reading;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;
using Connector.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>
/// The marketplace-app setting end to end: sandbox portals (real hosts on loopback) and the real connector
/// (`crm-esp serve` in-process, OAuth app configured, no jobs) on its own port, plus a test-side view of its SQLite file.
/// Every call takes the running test's token (<see cref="TestContext.CancellationToken"/>, fired by [CancelAfter]), and
/// the served connector stops with it, so a stuck peer is cancelled.
/// </summary>
public sealed class AppRig : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> ServeDefaults = new()
    {
        ["Sync:JobsEnabled"] = "false",
        ["Bitrix24:Client:RetryBaseDelay"] = "00:00:00.020",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SandboxHost> _portals = [];
    private readonly IDictionary<string, string?> _extra;
    private CancellationTokenSource? _stop;
    private Task<int>? _serve;
    private ServiceProvider? _view;
    private OAuthFront? _oauth;

    private AppRig(IDictionary<string, string?> extra) => _extra = extra;

    public Uri Connector { get; private set; } = new("http://127.0.0.1/");

    public SandboxHost Portal => _portals[0];

    public IServiceProvider View => _view!;

    public Bitrix24InstallStore Installs => View.GetRequiredService<Bitrix24InstallStore>();

    public MirrorQueries Mirror => View.GetRequiredService<MirrorQueries>();

    public static async Task<AppRig> StartAsync(SandboxOptions? portal = null, IDictionary<string, string?>? settings = null)
    {
        var rig = new AppRig(settings ?? new Dictionary<string, string?>());
        rig._oauth = await OAuthFront.StartAsync();
        await rig.AddPortalAsync(portal ?? new SandboxOptions { Seed = 21, Contacts = 60, Deals = 40 });
        await rig.StartConnectorAsync();
        return rig;
    }

    public async Task<SandboxHost> AddPortalAsync(SandboxOptions options)
    {
        // Every test portal shares the app's client id and secret, as real portals share the marketplace app.
        var host = await SandboxHost.StartAsync(options, TimeProvider.System, TestContext.CurrentContext.CancellationToken);
        _portals.Add(host);
        _oauth?.Add(host.OAuthServer);
        return host;
    }

    public async Task StartConnectorAsync()
    {
        // A restart keeps the address: the portal's bound handlers point at it.
        if (_serve is null)
        {
            Connector = new Uri($"http://127.0.0.1:{TestPorts.Free()}/");
        }

        var settings = Settings();
        settings["urls"] = Connector.AbsoluteUri.TrimEnd('/');

        var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CurrentContext.CancellationToken);
        var configuration = ConnectorConfiguration.Build(args);
        _serve = ServeHost.RunAsync(args, PortalChoice.From(configuration, sandboxFlag: false), TimeProvider.System, _stop.Token);
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(Connector, "healthz"), TestContext.CurrentContext.CancellationToken)).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, TestContext.CurrentContext.CancellationToken);
            }
        }

        _view ??= BuildView(settings);
    }

    public async Task StopConnectorAsync()
    {
        if (_stop is not null && _serve is not null)
        {
            await _stop.CancelAsync();
            await _serve;
            _stop.Dispose();
            _stop = null;
        }
    }

    public async Task<SandboxInstallResult> InstallAsync(SandboxHost? portal = null, SandboxInstallMode mode = SandboxInstallMode.InstallEvent) =>
        await (portal ?? Portal).Portal.InstallAsync(new Uri(Connector, "b24/install"), mode, TestContext.CurrentContext.CancellationToken);

    /// <summary>Waits (bounded) until <paramref name="done"/> holds; events are applied in the background.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done, int seconds = 20)
    {
        for (var i = 0; i < seconds * 20; i++)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(50, TestContext.CurrentContext.CancellationToken);
        }

        return false;
    }

    public async Task<long> PortalIdAsync(SandboxHost? portal = null) =>
        await Mirror.PortalIdAsync((portal ?? Portal).Portal.Options.MemberId, TestContext.CurrentContext.CancellationToken) ?? 0;

    public async Task<List<TransitionRow>> TransitionsAsync(long dealId, SandboxHost? portal = null) =>
        await Mirror.TransitionsAsync(await PortalIdAsync(portal), dealId, TestContext.CurrentContext.CancellationToken).ToListAsync();

    public async Task<bool> BaselineAsync(SandboxHost? portal = null) =>
        await View.GetRequiredService<ISyncStateStore>().GetCursorAsync(await PortalIdAsync(portal), SyncCursorNames.Baseline, TestContext.CurrentContext.CancellationToken) is not null;

    public async ValueTask DisposeAsync()
    {
        await StopConnectorAsync();
        if (_view is not null)
        {
            await _view.DisposeAsync();
        }

        foreach (var portal in _portals)
        {
            try
            {
                await portal.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // A test stopped this portal itself (a dead portal).
            }
        }

        if (_oauth is not null)
        {
            await _oauth.DisposeAsync();
        }

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

    // An extra App:PublicUrl wins; null leaves it unset (app mode without it).
    private Dictionary<string, string?> Settings()
    {
        var options = Portal.Portal.Options;
        return AppRigSettings.Build(_folder, options.ClientId, options.ClientSecret, _oauth!.Url.AbsoluteUri, Connector.AbsoluteUri, ServeDefaults, _extra);
    }

    private static ServiceProvider BuildView(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddConnector(configuration, PortalChoice.From(configuration, sandboxFlag: false), TimeProvider.System, ConnectorHostKind.Cli);
        return services.BuildServiceProvider();
    }

    public Bitrix24TokenRefresher Refresher => View.GetRequiredService<Bitrix24TokenRefresher>();
}
