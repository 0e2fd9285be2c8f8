namespace Connector.Store.Copy;

/// <summary>A table's row count and order-independent checksum (<see cref="RowChecksum"/>).</summary>
public sealed record TableDigest(long Rows, ulong Checksum);
