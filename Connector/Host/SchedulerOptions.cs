namespace Connector.Host;

/// <summary>
/// <c>Quartz:*</c>: <c>Store</c> is where serve's scheduler keeps its jobs and triggers — <c>Sqlite</c> (the default:
/// Quartz's own tables, migration 0026, in the store file, so schedules survive a restart) or <c>Memory</c> (gone at
/// stop; for tests and throw-away hosts).
/// </summary>
public sealed record SchedulerOptions
{
    public const string Section = "Quartz";

    public const string SqliteStore = "Sqlite";

    public const string MemoryStore = "Memory";

    public string Store { get; init; } = SqliteStore;

    /// <summary>True unless <c>Store</c> says <c>Memory</c> (an invalid value fails validation at start).</summary>
    public bool Persistent => !string.Equals(Store, MemoryStore, StringComparison.OrdinalIgnoreCase);
}
