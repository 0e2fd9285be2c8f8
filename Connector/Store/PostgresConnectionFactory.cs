using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Connector.Store;

/// <summary>Connections to the PostgreSQL store from one pooled <see cref="NpgsqlDataSource"/>.</summary>
public sealed partial class PostgresConnectionFactory : IStoreConnections, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresConnectionFactory(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Describe = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public StoreProvider Provider => StoreProvider.Postgres;

    public StoreDialect Dialect => StoreDialect.Postgres;

    public string Describe { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    public IDisposable EnterWriter(CancellationToken cancellationToken) => NoGate.Instance;

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    /// <summary>Why Npgsql cannot use this connection string (with any password masked), or null when it can.</summary>
    public static string? Check(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "no Host (Npgsql syntax: Host=…;Database=…;Username=…;Password=…)" : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return $"not a valid Npgsql connection string ({Mask(ex.Message, connectionString)})";
        }
    }

    /// <summary>Why a connection failed, in one line without the password: the server's own words, or the socket's.</summary>
    public static string Reason(Exception exception) => exception switch
    {
        PostgresException server => $"{server.SqlState}: {server.MessageText}",
        NpgsqlException { InnerException: SocketException socket } => socket.Message,
        NpgsqlException { InnerException: TimeoutException } or TimeoutException => "timed out",
        NpgsqlException { InnerException: { } inner } => inner.Message,
        _ => exception.Message,
    };

    private static string Mask(string message, string connectionString)
    {
        foreach (Match m in PasswordValue().Matches(connectionString))
        {
            var secret = m.Groups["v"].Value.Trim().Trim('\'', '"');
            if (secret.Length > 0)
            {
                message = message.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return message.ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"(?i)(?:password|pwd)\s*=\s*(?<v>[^;]*)")]
    private static partial Regex PasswordValue();

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
