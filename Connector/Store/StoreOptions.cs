namespace Connector.Store;

public sealed record StoreOptions
{
    public const string Section = "Store";

    /// <summary>The SQLite file; relative paths are relative to the working directory.</summary>
    public string Path { get; init; } = "data/crm-esp.db";
}
