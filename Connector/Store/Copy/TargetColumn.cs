using System.Globalization;
using System.Text;
using NpgsqlTypes;

namespace Connector.Store.Copy;

/// <summary>
/// One column of a table in the PostgreSQL target: its name there and its type (<c>udt_name</c>), which decides how a
/// SQLite value (long, double, string, byte[] or null) is typed for the binary COPY and for the checksum.
/// </summary>
public sealed record TargetColumn(string Source, string Name, string Type)
{
    public NpgsqlDbType DbType => Type switch
    {
        "int8" => NpgsqlDbType.Bigint,
        "int4" => NpgsqlDbType.Integer,
        "int2" => NpgsqlDbType.Smallint,
        "float8" => NpgsqlDbType.Double,
        "float4" => NpgsqlDbType.Real,
        "numeric" => NpgsqlDbType.Numeric,
        "bool" => NpgsqlDbType.Boolean,
        "bytea" => NpgsqlDbType.Bytea,
        "citext" => NpgsqlDbType.Citext,
        "varchar" => NpgsqlDbType.Varchar,
        "json" => NpgsqlDbType.Json,
        "text" => NpgsqlDbType.Text,
        _ => throw new NotSupportedException($"column {Name} has type {Type}, which the copy does not convert"),
    };

    /// <summary>The SQLite value as the CLR value Npgsql reads back for this type (so both sides hash alike).</summary>
    public object? FromSqlite(object? value)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        try
        {
            return Convert(value);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
        {
            throw new FormatException($"column {Source}: {ex.Message}", ex);
        }
    }

    private object Convert(object value)
    {
        var invariant = CultureInfo.InvariantCulture;
        return DbType switch
        {
            NpgsqlDbType.Bigint => System.Convert.ToInt64(value, invariant),
            NpgsqlDbType.Integer => System.Convert.ToInt32(value, invariant),
            NpgsqlDbType.Smallint => System.Convert.ToInt16(value, invariant),
            NpgsqlDbType.Double => System.Convert.ToDouble(value, invariant),
            NpgsqlDbType.Real => System.Convert.ToSingle(value, invariant),
            NpgsqlDbType.Numeric => System.Convert.ToDecimal(value, invariant),
            NpgsqlDbType.Boolean => value is string s ? s is "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase) : System.Convert.ToInt64(value, invariant) != 0,
            NpgsqlDbType.Bytea => value as byte[] ?? Encoding.UTF8.GetBytes(System.Convert.ToString(value, invariant)!),
            _ => value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : System.Convert.ToString(value, invariant)!,
        };
    }

    /// <summary>A value's canonical text for the checksum (the same for the converted SQLite value and PostgreSQL's).</summary>
    public static string Canonical(object? value) => value switch
    {
        null or DBNull => "\0",
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        short h => h.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => (m / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "t" : "f",
        byte[] bytes => System.Convert.ToHexString(bytes),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
