using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Store.Copy;

/// <summary>
/// An order-independent checksum of a table: each row's canonical text (<see cref="TargetColumn.Canonical"/> of each
/// column, unit-separated) hashed with SHA-256, the first 8 bytes summed modulo 2^64 (a sum, not XOR, so two equal rows
/// do not cancel). Computed by the same code over the SQLite rows (converted to the target's types) and the PostgreSQL rows.
/// </summary>
public sealed class RowChecksum
{
    private readonly StringBuilder _row = new();
    private ulong _sum;

    public long Rows { get; private set; }

    public void Add(IReadOnlyList<object?> values)
    {
        _row.Clear();
        foreach (var value in values)
        {
            _row.Append(TargetColumn.Canonical(value)).Append('\u001f');
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(_row.ToString()), hash);
        _sum = unchecked(_sum + BinaryPrimitives.ReadUInt64BigEndian(hash));
        Rows++;
    }

    public TableDigest Digest => new(Rows, _sum);
}
