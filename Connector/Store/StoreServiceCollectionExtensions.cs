using Connector.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary><c>Store:*</c> bound and validated at start.</summary>
    public static IServiceCollection AddStoreOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStoreOptions(configuration);
        services.AddSingleton(sp => new SqliteConnectionFactory(sp.GetRequiredService<IOptions<StoreOptions>>().Value.Path));
        services.AddSingleton<IStoreConnections>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            return options.ProviderKind == StoreProvider.Postgres
                ? new PostgresConnectionFactory(options.ConnectionString!)
                : sp.GetRequiredService<SqliteConnectionFactory>();
        });
        services.AddSingleton(sp => new MigrationRunner(sp.GetRequiredService<IStoreConnections>(), sp.GetRequiredService<TimeProvider>())
        {
            RefuseUnconvertedProvider = true,
        });
        services.AddSingleton<SqliteMirrorStore>();
        services.AddSingleton<IMirrorWriter>(sp => sp.GetRequiredService<SqliteMirrorStore>());
        services.AddSingleton<ISyncStateStore, SyncStateStore>();
        services.AddSingleton<MirrorQueries>();
        services.AddSingleton<IChangeInbox, ChangeInbox>();
        return services;
    }
}
