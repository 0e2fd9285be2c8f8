namespace Connector.Store.Copy;

/// <summary>One table of a copy: its rows and checksum (verified equal on both sides unless skipped), and what was done.</summary>
public sealed record TableCopyLine(string Table, long Rows, ulong Checksum, TableCopyStatus Status);
