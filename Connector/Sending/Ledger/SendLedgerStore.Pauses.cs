using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>
/// Recipient domains paused after a policy block (5.7.x): stored, so a new run or process does not send into a domain
/// that refused until the pause ends. A reservation skips rows of a paused domain (they stay queued, no attempt spent).
/// </summary>
public sealed partial class SendLedgerStore
{
    private const string Pause = """
        INSERT INTO send_pauses (domain, paused_until, detail, created_at) VALUES (@Domain, @Until, @Detail, @Now)
        ON CONFLICT (domain) DO UPDATE SET paused_until = MAX(paused_until, excluded.paused_until), detail = excluded.detail
        """;

    private const string Paused = "SELECT paused_until FROM send_pauses WHERE domain = @Domain AND paused_until > @Now";

    /// <summary>Pauses a recipient domain until <paramref name="until"/> (a longer pause already stored stays).</summary>
    public async Task PauseDomainAsync(string domain, DateTimeOffset until, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Pause, new
        {
            Domain = domain.ToLowerInvariant(), Until = UtcText.From(until), Detail = detail, Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>When the pause of a recipient domain ends; null when it is not paused.</summary>
    public async Task<DateTimeOffset?> PausedUntilAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var until = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(Paused, new
        {
            Domain = domain.ToLowerInvariant(), Now = UtcText.From(time.GetUtcNow()),
        }, cancellationToken: cancellationToken));
        return until is null ? null : UtcText.Parse(until);
    }
}
