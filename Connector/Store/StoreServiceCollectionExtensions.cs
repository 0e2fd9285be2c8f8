using Connector.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Store;

public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new SqliteConnectionFactory(options.Path));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SqliteMirrorStore>();
        services.AddSingleton<IMirrorWriter>(sp => sp.GetRequiredService<SqliteMirrorStore>());
        services.AddSingleton<ISyncStateStore, SqliteSyncStateStore>();
        services.AddSingleton<MirrorQueries>();
        services.AddSingleton<IChangeInbox, SqliteChangeInbox>();
        return services;
    }
}
