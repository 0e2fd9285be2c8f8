namespace Connector.Store;

public sealed record StoreOptions
{
    public const string Section = "Store";

    /// <summary><c>Sqlite</c> (the default) or <c>Postgres</c>; kept as text so a wrong value is one clear line, not a binder error.</summary>
    public string Provider { get; init; } = nameof(StoreProvider.Sqlite);

    /// <summary>The SQLite file; relative paths are relative to the working directory.</summary>
    public string Path { get; init; } = "data/crm-esp.db";

    /// <summary>The PostgreSQL database in Npgsql syntax (Host=…;Port=…;Database=…;Username=…;Password=…); required for Postgres.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The parsed <see cref="Provider"/>; only meaningful once <see cref="StoreOptionsValidator"/> accepted it.</summary>
    public StoreProvider ProviderKind =>
        Enum.TryParse<StoreProvider>(Provider, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : StoreProvider.Sqlite;
}
