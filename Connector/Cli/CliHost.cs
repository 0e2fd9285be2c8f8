using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Crm.Bitrix24.Reading;
using Connector.Sandbox;
using Connector.Store;
using Connector.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Cli;

/// <summary>
/// Services for one CLI verb: store (migrated), sync engine and Bitrix24 client. The portals are the configured
/// webhook, the app installs in the store, or — when neither exists, or with --sandbox — a sandbox portal started
/// in-process on loopback. Logs go to stderr so stdout stays machine-readable.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private SandboxHost? _sandbox;

    private CliHost(ServiceProvider services, PortalChoice choice)
    {
        _services = services;
        Choice = choice;
    }

    public PortalChoice Choice { get; }

    public IServiceProvider Services => _services;

    public static async Task<CliHost> StartAsync(IConfiguration configuration, PortalChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // A CLI failure is one line of its own on stderr; logs stay quiet unless asked for (--CliLogging:LogLevel:Default=Information).
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error).AddFilter("Polly", LogLevel.None)
            .AddConfiguration(configuration.GetSection("CliLogging")));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddStore(configuration).AddSync(configuration).AddBitrix24Client(configuration);
        CliHost? host = null;
        services.AddSingleton<ICrmSourceProvider>(sp => new Bitrix24SourceProvider(
            ct => host!.ConfiguredPortalsAsync(configuration, sp.GetRequiredService<Bitrix24InstallStore>(), ct),
            sp.GetRequiredService<Bitrix24InstallStore>(), sp.GetRequiredService<IBitrix24Client>, sp.GetRequiredService<ILogger<Bitrix24CrmSource>>()));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        host = new CliHost(provider, choice);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<Bitrix24Portal>> ConfiguredPortalsAsync(IConfiguration configuration, Bitrix24InstallStore installs, CancellationToken cancellationToken)
    {
        if (Choice.WebhookUrl is { } url && !Choice.SandboxForced)
        {
            return [WebhookUrl.ToPortal(url)];
        }

        if (!Choice.SandboxForced && (await installs.ListAsync(Bitrix24InstallStatus.Active, cancellationToken)).Count > 0)
        {
            return [];
        }

        var options = configuration.GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
        _sandbox = await SandboxHost.StartAsync(options, TimeProvider.System, cancellationToken);
        return [new Bitrix24Portal(PortalChoice.SandboxKey, _sandbox.WebhookUrl, Bitrix24AuthMode.Webhook)];
    }
}
