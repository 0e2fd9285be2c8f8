namespace Connector.Store;

/// <summary>
/// The few SQL fragments that differ between SQLite and PostgreSQL, so a store writes one query for both. Column and
/// value names are the caller's own (never user input).
/// </summary>
public sealed record StoreDialect(StoreProvider Provider)
{
    public static StoreDialect Sqlite { get; } = new(StoreProvider.Sqlite);

    public static StoreDialect Postgres { get; } = new(StoreProvider.Postgres);

    /// <summary><c>INSERT … </c> that skips a row whose key exists: prefix (before INTO) and suffix (after VALUES/SELECT).</summary>
    public (string Insert, string OnConflictSuffix) InsertOrIgnore =>
        Provider == StoreProvider.Sqlite ? ("INSERT OR IGNORE", "") : ("INSERT", " ON CONFLICT DO NOTHING");

    /// <summary>Case-insensitive comparison of a column with a value (ASCII case on SQLite, as NOCASE does).</summary>
    public string EqualsIgnoreCase(string column, string value) =>
        Provider == StoreProvider.Sqlite ? $"{column} = {value} COLLATE NOCASE" : $"lower({column}) = lower({value})";

    /// <summary>Case-insensitive LIKE (SQLite's LIKE is already, for ASCII).</summary>
    public string LikeIgnoreCase(string column, string pattern) =>
        Provider == StoreProvider.Sqlite ? $"{column} LIKE {pattern} ESCAPE '\\'" : $"{column} ILIKE {pattern} ESCAPE '\\'";

    /// <summary>The larger of two values (SQLite's two-argument max()).</summary>
    public string Greatest(string a, string b) => Provider == StoreProvider.Sqlite ? $"max({a}, {b})" : $"GREATEST({a}, {b})";

    /// <summary>The smaller of two values (SQLite's two-argument min()).</summary>
    public string Least(string a, string b) => Provider == StoreProvider.Sqlite ? $"min({a}, {b})" : $"LEAST({a}, {b})";
}
