using Connector.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Tests.TestSupport;

/// <summary>
/// The composition root as a host builds it, for tests whose subject is the registrations: the given settings on a store
/// path of their own, Quartz's in-memory store (the persistent store has its own tests, SchedulerJobStoreTests).
/// </summary>
internal static class ServeComposition
{
    public static ServiceProvider Compose(Dictionary<string, string?> settings, ConnectorHostKind kind = ConnectorHostKind.Serve,
        ServiceCollection? collection = null, string? storePath = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Store:Path"] = storePath ?? Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"), "m.db");
        settings["Quartz:Store"] = "Memory";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return (collection ?? new ServiceCollection()).AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddConnector(configuration, PortalChoice.From(configuration, false), TimeProvider.System, kind)
            .BuildServiceProvider();
    }
}
