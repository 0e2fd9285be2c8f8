using System.Text.Json;
using Connector.Store;
using Dapper;

namespace Connector.Sending.Ledger;

/// <summary>
/// The reservation: one write transaction (its first statement writes, so runners take turns) that renews the runner's lease,
/// takes over dead runners' rows, reads the due rows with their suppression and portal, settles expired, suppressed,
/// capped, quiet-hours and over-budget rows (cap and quiet hours per portal: <see cref="PortalRulesAsync"/>), and marks
/// the rest as the runner's. The frequency cap and the warm-up budget count rows other
/// runners (and this batch) hold but have not sent yet, so two workers or two runners cannot both pass them.
/// </summary>
public sealed partial class SendLedgerStore
{
    // A recipient's "this list only" unsubscribe (list_unsubscribes, written by Tracking; the list is the send key's name
    // in send_keys, else the send key) settles the row as suppressed like a suppression does, whatever campaign run it is.
    private const string DueColumns = """
        SELECT l.id AS Id, l.send_key AS SendKey, l.recipient AS Recipient, l.recipient_name AS RecipientName, l.contact_id AS ContactId, l.state AS State, l.due_at AS DueAt,
               l.expires_at AS ExpiresAt, l.attempts AS Attempts, l.detail AS Detail, l.kind AS Kind, l.message_id AS MessageId,
               (SELECT k.portal_id FROM send_keys k WHERE k.send_key = l.send_key) AS PortalId, COALESCE((SELECT s.reason FROM suppressions s WHERE s.address = l.recipient COLLATE NOCASE LIMIT 1),
                        (SELECT 'unsubscribed from this list' FROM list_unsubscribes u WHERE u.address = l.recipient
                           AND u.list_key = COALESCE((SELECT k.name FROM send_keys k WHERE k.send_key = l.send_key), l.send_key))) AS Suppression
        FROM send_ledger l
        """;

    private const string DueFilters = """
          AND l.owner IS NULL AND l.next_attempt_at <= @Now AND (@SendKey IS NULL OR l.send_key = @SendKey)
          AND NOT EXISTS (SELECT 1 FROM json_each(@Paused) p WHERE p.value = lower(substr(l.recipient, instr(l.recipient, '@') + 1)))
          AND NOT EXISTS (SELECT 1 FROM send_pauses p WHERE p.domain = lower(substr(l.recipient, instr(l.recipient, '@') + 1)) AND p.paused_until > @Now)
        ORDER BY l.next_attempt_at, l.id LIMIT @Limit
        """;

    /// <summary>The due rows of every kind (a CLI campaign run's, by its send key): ix_send_ledger_due.</summary>
    internal const string Due = DueColumns + "\nWHERE l.state IN ('queued', 'deferred')" + DueFilters;

    /// <summary>
    /// Serve's runner: the due rows that carry a stored letter only, through ix_send_ledger_due_stored (0022) — its WHERE
    /// repeated exactly so the planner takes the partial index; a CLI campaign's backlog is never walked.
    /// </summary>
    internal const string DueStored = DueColumns + "\nWHERE l.state IN ('queued', 'deferred') AND l.stored_letter = 1" + DueFilters;

    // Sent in the window, or held by a live runner (reserved or sending): both count against the cap. Per portal and
    // contact (a contact id is the CRM's, so contact 5 of one portal is not contact 5 of another); a file's recipients
    // (no send_keys portal) count together by their address-derived id.
    internal const string ContactLoad = """
        SELECT k.portal_id AS PortalId, send_ledger.contact_id AS ContactId,
               SUM(CASE WHEN send_ledger.owner IS NOT NULL OR send_ledger.updated_at >= @Day THEN 1 ELSE 0 END) AS Day,
               COUNT(*) AS Week
        FROM send_ledger LEFT JOIN send_keys k ON k.send_key = send_ledger.send_key
        WHERE send_ledger.contact_id IN (SELECT value FROM json_each(@Contacts)) AND send_ledger.kind <> 'Transactional'
          AND ((send_ledger.state = 'sent' AND send_ledger.updated_at >= @Week) OR send_ledger.owner IS NOT NULL)
        GROUP BY k.portal_id, send_ledger.contact_id
        """;

    // Two counts, one per partial index (0013): sent today, and held by a runner (an outcome clears the owner, so a row is never both).
    internal const string DomainLoad = """
        SELECT (SELECT COUNT(*) FROM send_ledger WHERE state = 'sent' AND sender_domain = @SenderDomain AND updated_at >= @Today AND owner IS NULL)
             + (SELECT COUNT(*) FROM send_ledger WHERE owner IS NOT NULL AND sender_domain = @SenderDomain)
        """;

    internal const string Expire = """
        UPDATE send_ledger SET state = 'expired', detail = 'due ' || due_at || ', not sent by ' || expires_at, updated_at = @Now
        WHERE id IN (SELECT value FROM json_each(@Ids))
        """;

    internal const string SettleSuppressed = """
        UPDATE send_ledger SET state = 'suppressed', updated_at = @Now,
               detail = COALESCE((SELECT reason FROM suppressions WHERE address = send_ledger.recipient COLLATE NOCASE LIMIT 1), 'unsubscribed from this list')
        WHERE id IN (SELECT value FROM json_each(@Ids))
        """;

    internal const string HoldBack = """
        UPDATE send_ledger SET state = 'deferred', next_attempt_at = @NextAttemptAt, detail = @Detail, updated_at = @Now WHERE id = @Id
        """;

    internal const string Take = """
        UPDATE send_ledger SET owner = @Runner, sender_domain = @SenderDomain, updated_at = @Now
        WHERE id IN (SELECT value FROM json_each(@Ids)) AND owner IS NULL AND state IN ('queued', 'deferred')
        """;

    public async Task<ReservedBatch> ReserveAsync(ReservePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        using var writing = connections.WriteGate.Enter(cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReserveOnAsync(connection, policy, cancellationToken);
    }

    /// <summary>
    /// The same reservation on a runner's <see cref="LedgerWriter"/> connection (under the same write gate), whose commits
    /// leave the WAL's checkpoint to the runner's own passive checkpoint: a pooled connection's commit checkpoints by
    /// itself once the WAL passes 1,000 pages, with two fsyncs while the gate is held (measured on the send benchmark:
    /// every second reservation took 10–160 ms instead of 2).
    /// </summary>
    internal async Task<ReservedBatch> ReserveAsync(ReservePolicy policy, LedgerWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(writer);
        using var writing = connections.WriteGate.Enter(cancellationToken);
        return await ReserveOnAsync(writer.Connection, policy, cancellationToken);
    }

    private async Task<ReservedBatch> ReserveOnAsync(Microsoft.Data.Sqlite.SqliteConnection connection, ReservePolicy policy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowText = UtcText.From(now);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Renew, new
        {
            Runner = policy.RunnerId, Now = nowText, ExpiresAt = UtcText.From(now + policy.Lease), policy.Host, Pid = policy.ProcessId,
        }, transaction, cancellationToken: cancellationToken));
        await EndLeasesOfGoneProcessesAsync(connection, transaction, policy, nowText, cancellationToken);
        var abandoned = await TakeOverDeadAsync(connection, transaction, nowText, policy.RetryUnknownTransactional, cancellationToken);
        // What this runner reserved before and did not send (a paused domain) goes back to the queue first.
        await connection.ExecuteAsync(new CommandDefinition(ReleaseMine, new { Runner = policy.RunnerId }, transaction, cancellationToken: cancellationToken));
        var paused = JsonSerializer.Serialize(policy.PausedDomains.Select(d => d.ToLowerInvariant()));
        var due = (await connection.QueryAsync<LedgerRow>(new CommandDefinition(policy.QueuedOnly ? DueStored : Due, new { Now = nowText, Paused = paused, policy.Limit, policy.SendKey }, transaction, cancellationToken: cancellationToken))).ToList();

        var portalRules = await PortalRulesAsync(connection, transaction, policy, due, cancellationToken);
        var fallback = Resolve(policy, new Dictionary<string, string>(), null);
        PortalSendRules RulesOf(LedgerRow row) => row.PortalId is { } portal && portalRules.TryGetValue(portal, out var rules) ? rules : fallback;
        var load = due.Any(r => RulesOf(r).Cap is { PerDay: > 0 } or { PerWeek: > 0 })
            ? (await connection.QueryAsync<(long? PortalId, long ContactId, long Day, long Week)>(new CommandDefinition(ContactLoad, new
            {
                Contacts = JsonSerializer.Serialize(due.Select(r => r.ContactId).Distinct()), Day = UtcText.From(now.AddDays(-1)), Week = UtcText.From(now.AddDays(-7)),
            }, transaction, cancellationToken: cancellationToken))).ToDictionary(l => (l.PortalId, l.ContactId), l => (l.Day, l.Week))
            : [];
        // A row whose send key names no portal (a file's recipients; rows older than send_keys) counts against every
        // portal's contact with that id, and such a row sees every portal's load: as before the cap was per portal.
        (long Day, long Week) LoadOf(LedgerRow row)
        {
            var (day, week) = (0L, 0L);
            foreach (var ((portal, contact), (d, w)) in load)
            {
                if (contact == row.ContactId && (row.PortalId is null || portal is null || portal == row.PortalId))
                {
                    (day, week) = (day + d, week + w);
                }
            }

            return (day, week);
        }

        var today = WarmUp.StartOfDay(now);
        var domainLoad = policy.WarmUpBudget is null ? 0 : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            DomainLoad, new { policy.SenderDomain, Today = UtcText.From(today) }, transaction, cancellationToken: cancellationToken));

        var (expired, suppressed, held, taken) = (new List<long>(), new List<long>(), new List<object>(), new List<LedgerRow>());
        foreach (var row in due)
        {
            if (row.ExpiresAt is { } expiresAt && now > UtcText.Parse(expiresAt))
            {
                expired.Add(row.Id);
            }
            else if (row.Suppression is not null)
            {
                suppressed.Add(row.Id);
            }
            else if (row.Kind != nameof(Composing.MailKind.Transactional) && RulesOf(row).Cap.Blocks(LoadOf(row), now) is { } later)
            {
                held.Add(new { row.Id, NextAttemptAt = UtcText.From(later), Detail = $"frequency cap until {UtcText.From(later)}", Now = nowText });
            }
            else if (row.Kind != nameof(Composing.MailKind.Transactional) && RulesOf(row) is { Quiet: { } quiet } rules && quiet.Blocks(now, rules.Zone) is { } after)
            {
                held.Add(new { row.Id, NextAttemptAt = UtcText.From(after), Detail = $"quiet hours {quiet} ({rules.Zone.Id}) until {UtcText.From(after)}", Now = nowText });
            }
            else if (policy.WarmUpBudget is { } budget && domainLoad >= budget)
            {
                held.Add(new { row.Id, NextAttemptAt = UtcText.From(today.AddDays(1)), Detail = $"warm-up budget of {budget} a day reached", Now = nowText });
            }
            else
            {
                var (day, week) = load.GetValueOrDefault((row.PortalId, row.ContactId));
                load[(row.PortalId, row.ContactId)] = (day + 1, week + 1);
                domainLoad++;
                taken.Add(row);
            }
        }

        await SettleAsync(connection, transaction, Expire, expired, nowText, cancellationToken);
        await SettleAsync(connection, transaction, SettleSuppressed, suppressed, nowText, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(HoldBack, held, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Take, new
        {
            Runner = policy.RunnerId, policy.SenderDomain, Now = nowText, Ids = JsonSerializer.Serialize(taken.Select(r => r.Id)),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ReservedBatch(taken, due.Count, expired.Count, suppressed.Count, held.Count, abandoned);
    }

    private static async Task SettleAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, List<long> ids, string now, CancellationToken cancellationToken)
    {
        if (ids.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { Ids = JsonSerializer.Serialize(ids), Now = now }, transaction, cancellationToken: cancellationToken));
        }
    }
}
