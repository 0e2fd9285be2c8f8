using System.Globalization;
using System.Text.Json;
using Connector.Store;
using Dapper;

namespace Connector.Scenarios;

public sealed partial class EnrollmentStore
{
    private const string ByEntryKey = """
        SELECT id AS Id, subject_kind AS SubjectKind, subject_id AS SubjectId, request_hash AS RequestHash
        FROM scenario_enrollments WHERE scenario_id = @ScenarioId AND entry_key = @EntryKey
        """;

    private const string DealContact = """
        SELECT d.crm_id AS Found,
               (SELECT x.contact_id FROM deal_contacts x WHERE x.portal_id = d.portal_id AND x.deal_id = d.crm_id ORDER BY x.position LIMIT 1) AS ContactId
        FROM deals d WHERE d.portal_id = @PortalId AND d.crm_id = @Id AND d.deleted = 0
        """;

    private const string ContactFound = "SELECT crm_id FROM contacts WHERE portal_id = @PortalId AND crm_id = @Id AND deleted = 0";

    private const string AnyEnrollment = """
        SELECT MAX(id) FROM scenario_enrollments WHERE scenario_id = @ScenarioId AND subject_kind = @Kind AND subject_id = @Subject
        """;

    private const string InsertExplicit = """
        INSERT INTO scenario_enrollments (scenario_id, version, portal_id, subject_kind, subject_id, contact_id, deal_id, entry_key, state, step, entered_at,
                                          variables, request_hash, created_at, updated_at)
        VALUES (@ScenarioId, @Version, @PortalId, @Kind, @Subject, @ContactId, @DealId, @EntryKey, 'active', @Step, @Now, @Variables, @RequestHash, @Now, @Now)
        ON CONFLICT (scenario_id, subject_kind, subject_id, entry_key) DO NOTHING
        RETURNING id
        """;

    /// <summary>
    /// Enters one deal or contact into <paramref name="scenario"/> now, in one transaction with its first due step: a
    /// known entry key gives its enrollment back (same subject and request) or a conflict; the mirror must hold the
    /// subject (and a deal a contact to mail); the re-entry rule and "never while still enrolled" apply as for passes.
    /// </summary>
    public async Task<ExplicitEntryResult> EnterAsync(ScenarioRow scenario, ScenarioDefinition version, ExplicitEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow();
        var kind = entry.Subject == SubjectKind.Deal ? "deal" : "contact";
        var subjectText = $"{kind} {entry.SubjectId.ToString(CultureInfo.InvariantCulture)}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var gate = connections.WriteGate.Enter(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        CommandDefinition Cmd(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
        ExplicitEntryResult Done(ExplicitEntryResult result) => result with { ScenarioId = scenario.Id };

        var known = await connection.QuerySingleOrDefaultAsync<EntryKeyRow>(Cmd(ByEntryKey, new { ScenarioId = scenario.Id, entry.EntryKey }));
        if (known is not null)
        {
            return Done(known.SubjectKind == kind && known.SubjectId == entry.SubjectId && known.RequestHash == entry.RequestHash
                ? new ExplicitEntryResult { EnrollmentId = known.Id, Replayed = true }
                : ExplicitEntryResult.Refuse(ExplicitEntryResult.Conflict, "this entry key was used for another request"));
        }

        long? contactId;
        if (entry.Subject == SubjectKind.Deal)
        {
            var deal = await connection.QuerySingleOrDefaultAsync<(long? Found, long? ContactId)?>(Cmd(DealContact, new { scenario.PortalId, Id = entry.SubjectId }));
            if (deal is null)
            {
                return Done(ExplicitEntryResult.Refuse(ExplicitEntryResult.UnknownDeal, $"no {subjectText} in the mirror of this portal"));
            }

            if (deal.Value.ContactId is not { } first)
            {
                return Done(ExplicitEntryResult.Refuse(ExplicitEntryResult.NoContact, $"{subjectText} has no contact to mail"));
            }

            contactId = first;
        }
        else
        {
            if (await connection.ExecuteScalarAsync<long?>(Cmd(ContactFound, new { scenario.PortalId, Id = entry.SubjectId })) is null)
            {
                return Done(ExplicitEntryResult.Refuse(ExplicitEntryResult.UnknownContact, $"no {subjectText} in the mirror of this portal"));
            }

            contactId = entry.SubjectId;
        }

        var subject = new { ScenarioId = scenario.Id, Kind = kind, Subject = entry.SubjectId };
        if (version.ReEntry.Mode == ReEntryMode.Once && await connection.ExecuteScalarAsync<long?>(Cmd(AnyEnrollment, subject)) is { } earlier)
        {
            return Done(ExplicitEntryResult.Refuse(ExplicitEntryResult.ReEntry,
                $"re_entry is once: {subjectText} entered before (enrollment {earlier.ToString(CultureInfo.InvariantCulture)})"));
        }

        if (await connection.ExecuteScalarAsync<long>(Cmd(Active, subject)) > 0)
        {
            return Done(ExplicitEntryResult.Refuse(ExplicitEntryResult.StillEnrolled, $"{subjectText} is still enrolled in this scenario"));
        }

        if (version.ReEntry is { Mode: ReEntryMode.AtMostOncePer, Period: { } period }
            && await connection.ExecuteScalarAsync<string?>(Cmd(LastEntered, subject)) is { } last
            && string.CompareOrdinal(last, UtcText.From(now - period)) > 0)
        {
            return Done(ExplicitEntryResult.Refuse(ExplicitEntryResult.ReEntry,
                $"re_entry is at most once per {ScenarioDuration.Format(period)}: {subjectText} entered at {last}"));
        }

        var nowText = UtcText.From(now);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(Cmd(InsertExplicit, new
        {
            ScenarioId = scenario.Id, Version = (int)scenario.EntryVersion, scenario.PortalId, Kind = kind, Subject = entry.SubjectId, ContactId = contactId,
            DealId = entry.Subject == SubjectKind.Deal ? entry.SubjectId : (long?)null, entry.EntryKey, Step = version.Steps[0].Id, Now = nowText,
            Variables = entry.Variables.Count == 0 ? null : JsonSerializer.Serialize(entry.Variables), entry.RequestHash,
        }));
        if (id is not { } enrollment)
        {
            return Done(ExplicitEntryResult.Refuse(ExplicitEntryResult.Conflict, "this entry key was used for another request"));
        }

        await connection.ExecuteAsync(Cmd(InsertDue, new { Id = enrollment, ScenarioId = scenario.Id, Step = version.Steps[0].Id, Now = nowText }));
        await transaction.CommitAsync(cancellationToken);
        return Done(new ExplicitEntryResult { EnrollmentId = enrollment });
    }

    private sealed record EntryKeyRow
    {
        public long Id { get; init; }

        public string SubjectKind { get; init; } = "";

        public long SubjectId { get; init; }

        public string? RequestHash { get; init; }
    }
}
