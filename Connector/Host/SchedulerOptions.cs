namespace Connector.Host;

/// <summary>
/// <c>Quartz:*</c>: <c>Store</c> is where serve's scheduler keeps its jobs and triggers — unset (the default): the
/// store's own database, i.e. the SQLite file (Quartz's own tables, migration 0026, so schedules survive a restart) or,
/// with <c>Store:Provider=Postgres</c>, the PostgreSQL database, clustered so several serve instances share the
/// schedule; <c>Sqlite</c> or <c>Postgres</c> say the same explicitly and must match <c>Store:Provider</c>; <c>Memory</c>
/// (gone at stop; for tests and throw-away hosts). <c>ClusterCheckinIntervalSeconds</c> is how often a clustered
/// instance tells the others it is alive; one that misses a check-in by as long again is taken for dead and its jobs
/// are recovered.
/// </summary>
public sealed record SchedulerOptions
{
    public const string Section = "Quartz";

    public const string SqliteStore = "Sqlite";

    public const string PostgresStore = "Postgres";

    public const string MemoryStore = "Memory";

    public const double DefaultClusterCheckinIntervalSeconds = 7.5;

    public const double MinClusterCheckinIntervalSeconds = 0.5;

    public const double MaxClusterCheckinIntervalSeconds = 300;

    /// <summary>Null (the store's database), <c>Sqlite</c>, <c>Postgres</c> or <c>Memory</c>.</summary>
    public string? Store { get; init; }

    public double ClusterCheckinIntervalSeconds { get; init; } = DefaultClusterCheckinIntervalSeconds;

    /// <summary>True unless <c>Store</c> says <c>Memory</c> (an invalid value fails validation at start).</summary>
    public bool Persistent => !string.Equals(Store, MemoryStore, StringComparison.OrdinalIgnoreCase);

    public TimeSpan ClusterCheckinInterval => TimeSpan.FromSeconds(ClusterCheckinIntervalSeconds);
}
