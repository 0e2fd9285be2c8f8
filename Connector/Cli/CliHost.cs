using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Host;
using Connector.Sandbox;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Cli;

/// <summary>
/// Services for one CLI verb, from <see cref="ConnectorComposition"/> (store migrated). The portals are the configured
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

    public static async Task<CliHost> StartAsync(IConfiguration configuration, PortalChoice choice, TimeProvider time, CancellationToken cancellationToken,
        Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(choice);
        configuration = SandboxSendingDefaults.Apply(configuration, choice);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // A CLI failure is one line of its own on stderr; logs stay quiet unless asked for (--CliLogging:LogLevel:Default=Information).
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error).AddFilter("Polly", LogLevel.None)
            .AddConfiguration(configuration.GetSection("CliLogging")));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        CliHost? host = null;
        services.AddSingleton(sp => new Bitrix24ConfiguredPortals(ct => host!.ConfiguredPortalsAsync(sp, ct)));
        overrides?.Invoke(services);
        services.AddConnector(configuration, choice, time, ConnectorHostKind.Cli);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            await provider.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

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

    private async Task<IReadOnlyList<Bitrix24Portal>> ConfiguredPortalsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Choice.WebhookUrl is { } url && !Choice.SandboxForced)
        {
            return [WebhookUrl.ToPortal(url)];
        }

        var installs = services.GetRequiredService<Bitrix24InstallStore>();
        if (!Choice.SandboxForced && (await installs.ListAsync(Bitrix24InstallStatus.Active, cancellationToken)).Count > 0)
        {
            return [];
        }

        var options = services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        _sandbox = await SandboxHost.StartAsync(options, services.GetRequiredService<TimeProvider>(), cancellationToken);
        return [new Bitrix24Portal(PortalChoice.SandboxKey, _sandbox.WebhookUrl, Bitrix24AuthMode.Webhook)];
    }
}
