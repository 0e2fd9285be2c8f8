using Connector.Crm.Bitrix24;
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
/// Services for one CLI verb: store (migrated), sync engine and Bitrix24 client, pointed at the configured webhook or
/// at a sandbox portal started in-process on loopback. Logs go to stderr so stdout stays machine-readable.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SandboxHost? _sandbox;

    private CliHost(ServiceProvider services, SandboxHost? sandbox, PortalChoice choice)
    {
        _services = services;
        _sandbox = sandbox;
        Choice = choice;
    }

    public PortalChoice Choice { get; }

    public IServiceProvider Services => _services;

    public static async Task<CliHost> StartAsync(IConfiguration configuration, PortalChoice choice, bool needsPortal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        SandboxHost? sandbox = null;
        Bitrix24Portal? portal = null;
        if (needsPortal && choice.Sandbox)
        {
            var options = configuration.GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
            sandbox = await SandboxHost.StartAsync(options, TimeProvider.System, cancellationToken);
            portal = new Bitrix24Portal(PortalChoice.SandboxKey, sandbox.WebhookUrl, Bitrix24AuthMode.Webhook);
        }
        else if (needsPortal)
        {
            portal = WebhookUrl.ToPortal(choice.WebhookUrl!);
        }

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        // A CLI failure is one line of its own on stderr; logs stay quiet unless asked for (--Logging:LogLevel:Default=Information).
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error).AddFilter("Polly", LogLevel.None)
            .AddConfiguration(configuration.GetSection("CliLogging")));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddStore(configuration).AddSync(configuration).AddBitrix24Client(configuration);
        services.AddSingleton<ICrmSourceProvider>(sp => new Bitrix24SourceProvider(
            _ => Task.FromResult(portal ?? throw new InvalidOperationException("this verb does not talk to a portal")),
            sp.GetRequiredService<IBitrix24Client>, sp.GetRequiredService<ILogger<Bitrix24CrmSource>>()));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        return new CliHost(provider, sandbox, choice);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
