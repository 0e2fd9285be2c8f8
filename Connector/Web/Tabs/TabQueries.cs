using System.Text.Json;
using Connector.Reports;
using Connector.Scenarios;
using Connector.Store;
using Connector.Web.UiSession;
using Dapper;

namespace Connector.Web.Tabs;

/// <summary>
/// Reads a card tab's view from the local mirror and the stores (never a Bitrix24 REST call): one connection, a few
/// indexed statements (see TabQueries.Sql.cs), every one scoped to the caller's portal.
/// </summary>
public sealed partial class TabQueries(SqliteConnectionFactory connections, ScenarioStore scenarios)
{
    /// <summary>The tab's view of the record; the record is <c>Synced = false</c> (and empty) when the mirror does not hold it.</summary>
    public async Task<TabView> ViewAsync(long portalId, UiPlacement placement, long id, CancellationToken cancellationToken)
    {
        var deal = placement == UiPlacement.DealTab;
        await using var connection = await connections.OpenAsync(cancellationToken);
        CommandDefinition Cmd(string sql, object args) => new(sql, args, cancellationToken: cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TabRecordRow>(Cmd(deal ? Deal : Contact, new { Portal = portalId, Id = id }));
        var contacts = row is null
            ? []
            : deal
                ? (await connection.QueryAsync<TabContactRow>(Cmd(DealContacts, new { Portal = portalId, Id = id }))).ToList()
                : [new TabContactRow { Id = id, Name = row.Title }];
        // A contact's own messages show even before the mirror holds it; a deal's are its mirrored contacts'.
        var contactIds = JsonSerializer.Serialize(deal ? contacts.Select(c => c.Id).ToList() : [id]);
        var addresses = (await connection.QueryAsync<TabAddressRow>(Cmd(Addresses, new { Portal = portalId, Contacts = contactIds }))).ToLookup(a => a.ContactId);
        var messages = (await connection.QueryAsync<TabMessageRow>(Cmd(Messages, new
        {
            Portal = portalId, Contacts = contactIds, Deal = deal ? id : (long?)null, Limit = MaxMessages,
        }))).ToList();
        var clicked = messages.Where(m => m.Clicks > 0).Select(m => m.Id).ToList();
        var links = clicked.Count == 0
            ? Enumerable.Empty<ReportLink>().ToLookup(l => l.LedgerId)
            : (await connection.QueryAsync<ReportLink>(Cmd(Links, new { Ids = JsonSerializer.Serialize(clicked) }))).ToLookup(l => l.LedgerId);
        var enrollments = (await connection.QueryAsync<TabEnrollmentRow>(Cmd(Enrollments, EnrollmentArgs(portalId, placement, id)))).ToList();

        var record = new TabRecord(deal ? "deal" : "contact", id, row?.Title, row is not null, row?.StageName, row?.StageSemantic, row?.StageColor, row?.PipelineName,
            row?.Amount, row?.Currency, row?.ResponsibleId, row?.ResponsibleName);
        return new TabView(
            record,
            contacts.Select(c => new TabContact(c.Id, c.Name, addresses[c.Id].Select(Address).ToList())).ToList(),
            messages.Select(m => Message(m, links[m.Id])).ToList(),
            await DescribeAsync(enrollments, cancellationToken));
    }

    /// <summary>The card's contacts' ids (the contact itself, or the deal's live contacts in order); empty when the record is not mirrored.</summary>
    public async Task<IReadOnlyList<long>> ContactsAsync(long portalId, UiPlacement placement, long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (placement == UiPlacement.DealTab)
        {
            return (await connection.QueryAsync<TabContactRow>(new CommandDefinition(DealContacts, new { Portal = portalId, Id = id }, cancellationToken: cancellationToken)))
                .Select(c => c.Id).ToList();
        }

        var found = await connection.QuerySingleOrDefaultAsync<TabRecordRow>(new CommandDefinition(Contact, new { Portal = portalId, Id = id }, cancellationToken: cancellationToken));
        return found is null ? [] : [id];
    }

    /// <summary>Whether the enrollment is one the card shows (the record's own, in the caller's portal).</summary>
    public async Task<bool> OnCardAsync(long portalId, UiPlacement placement, long id, long enrollmentId, CancellationToken cancellationToken)
    {
        const string OnCard = """
            SELECT COUNT(*) FROM scenario_enrollments e WHERE e.id = @Enrollment AND e.portal_id = @Portal
              AND (e.deal_id = @Deal OR e.contact_id = @Contact OR (e.subject_kind = @Kind AND e.subject_id = @Id))
            """;
        var args = new DynamicParameters(EnrollmentArgs(portalId, placement, id));
        args.Add("Enrollment", enrollmentId);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(OnCard, args, cancellationToken: cancellationToken)) > 0;
    }

    private static object EnrollmentArgs(long portalId, UiPlacement placement, long id) => placement == UiPlacement.DealTab
        ? new { Portal = portalId, Deal = (long?)id, Contact = (long?)null, Kind = "deal", Id = id, Limit = MaxEnrollments }
        : new { Portal = portalId, Deal = (long?)null, Contact = (long?)id, Kind = "contact", Id = id, Limit = MaxEnrollments };

    private static TabAddress Address(TabAddressRow a) => new(a.Address, DisplayDomain.Of(a.Address), a.IsValid, a.Reason, a.Source, a.SuppressedAt);

    private static TabMessage Message(TabMessageRow m, IEnumerable<ReportLink> links)
    {
        var step = m.Kind == "Scenario" && m.SendKey.StartsWith("step:", StringComparison.Ordinal) && m.SendKey.IndexOf(":enrollment:", StringComparison.Ordinal) is > 5 and var end
            ? m.SendKey[5..end]
            : null;
        return new TabMessage(
            m.Id, TabStatuses.Of(m.State, m.Bounce, m.Complained, m.UnsubscribedAt, m.HumanClicks, m.HumanOpens), m.Name, m.Kind, step,
            m.Recipient, DisplayDomain.Of(m.Recipient), m.ContactId, m.QueuedAt, m.SentAt, m.FirstHumanOpenAt, m.Opens, m.HumanOpens,
            m.FirstHumanClickAt, m.Clicks, m.HumanClicks, m.UnsubscribedAt, m.Detail,
            links.Select(l => new TabLink(l.Url, l.Clicks, l.HumanClicks, l.FirstHumanClickAt)).ToList());
    }

    // The current step's kind and template from the version the enrollment runs on (one read per scenario version).
    private async Task<IReadOnlyList<TabEnrollment>> DescribeAsync(List<TabEnrollmentRow> rows, CancellationToken cancellationToken)
    {
        var definitions = new Dictionary<(long, long), ScenarioDefinition?>();
        var result = new List<TabEnrollment>(rows.Count);
        foreach (var e in rows)
        {
            if (!definitions.TryGetValue((e.ScenarioId, e.Version), out var definition))
            {
                definition = definitions[(e.ScenarioId, e.Version)] = (await scenarios.VersionAsync(e.ScenarioId, e.Version, cancellationToken))?.Definition;
            }

            var step = e.Step is null ? null : definition?.StepById(e.Step);
            result.Add(new TabEnrollment(e.Id, e.ScenarioId, e.Scenario, e.State, e.ExitReason, e.Step,
                step is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(step.Kind.ToString()), step?.Template,
                e.State == "active" ? e.DueAt : null, e.EnteredAt, e.SubjectKind));
        }

        return result;
    }
}
