namespace Connector.Store.Copy;

/// <summary>How <see cref="StoreCopy"/> copies: rows per COPY batch (each batch commits on its own), and callbacks for progress.</summary>
public sealed record StoreCopyOptions
{
    public int BatchRows { get; init; } = 5_000;

    /// <summary>Called when a table is done and verified (the CLI prints the line as it goes).</summary>
    public Action<TableCopyLine>? OnTable { get; init; }

    /// <summary>Called after each committed batch with the table and the rows copied into it so far.</summary>
    public Action<string, long>? OnBatch { get; init; }
}
