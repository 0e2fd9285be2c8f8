using Connector.Store;
using Microsoft.Extensions.Options;

namespace Connector.Host;

/// <summary>
/// <c>Quartz:Store</c> is unset, <c>Sqlite</c>, <c>Postgres</c> or <c>Memory</c>, and a persistent one is the store's own
/// engine (<c>Store:Provider</c>, given at construction): the scheduler's tables live in the store's database.
/// <c>Quartz:ClusterCheckinIntervalSeconds</c> is within bounds.
/// </summary>
public sealed class SchedulerOptionsValidator(StoreProvider storeProvider) : IValidateOptions<SchedulerOptions>
{
    public SchedulerOptionsValidator()
        : this(StoreProvider.Sqlite)
    {
    }

    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Store is { } store && !Is(store, SchedulerOptions.MemoryStore))
        {
            if (!Is(store, SchedulerOptions.SqliteStore) && !Is(store, SchedulerOptions.PostgresStore))
            {
                return ValidateOptionsResult.Fail($"Quartz:Store: '{Connector.Web.LogText.Safe(store)}' is not a job store (Sqlite, Postgres or Memory; unset = the store's database)");
            }

            var engine = storeProvider == StoreProvider.Postgres ? SchedulerOptions.PostgresStore : SchedulerOptions.SqliteStore;
            if (!Is(store, engine))
            {
                return ValidateOptionsResult.Fail($"Quartz:Store: {store}, but Store:Provider is {engine}: the scheduler's tables live in the store's database (set Quartz:Store={engine}, Memory, or leave it unset)");
            }
        }

        var seconds = options.ClusterCheckinIntervalSeconds;
        return double.IsFinite(seconds) && seconds >= SchedulerOptions.MinClusterCheckinIntervalSeconds && seconds <= SchedulerOptions.MaxClusterCheckinIntervalSeconds
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(FormattableString.Invariant(
                $"Quartz:ClusterCheckinIntervalSeconds: {seconds} is out of range ({SchedulerOptions.MinClusterCheckinIntervalSeconds} to {SchedulerOptions.MaxClusterCheckinIntervalSeconds})"));
    }

    private static bool Is(string value, string store) => string.Equals(value, store, StringComparison.OrdinalIgnoreCase);
}
