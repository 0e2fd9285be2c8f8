using Dapper;

namespace Connector.Store;

/// <summary>Read-only queries over the mirror for exports and reports; streams rows, never loads a table whole.</summary>
public sealed class MirrorQueries(IStoreConnections connections)
{
    private const string PortalId = "SELECT id FROM portals WHERE portal_key = @Key";

    // char(31) (unit separator) joins lists: it cannot occur in a normalised address.
    private const string Contacts = """
        SELECT c.crm_id AS Id, c.name AS Name, c.second_name AS SecondName, c.last_name AS LastName,
               (SELECT group_concat(address, char(31)) FROM (SELECT address FROM contact_emails e
                 WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id ORDER BY position)) AS Emails,
               (SELECT group_concat(address, char(31)) FROM (SELECT address FROM contact_emails e
                 WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND e.is_valid = 0 ORDER BY position)) AS InvalidEmails,
               c.deleted AS Deleted, c.modified_at AS ModifiedAt
        FROM contacts c WHERE c.portal_id = @PortalId ORDER BY c.crm_id
        """;

    // PostgreSQL: string_agg in the same order instead of group_concat over an ordered subquery.
    private const string ContactsPostgres = """
        SELECT c.crm_id AS Id, c.name AS Name, c.second_name AS SecondName, c.last_name AS LastName,
               (SELECT string_agg(address, chr(31) ORDER BY position) FROM contact_emails e
                 WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id) AS Emails,
               (SELECT string_agg(address, chr(31) ORDER BY position) FROM contact_emails e
                 WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND e.is_valid = 0) AS InvalidEmails,
               c.deleted AS Deleted, c.modified_at AS ModifiedAt
        FROM contacts c WHERE c.portal_id = @PortalId ORDER BY c.crm_id
        """;

    private const string Deals = """
        SELECT d.crm_id AS Id, d.title AS Title, d.stage_id AS StageId, d.pipeline_id AS CategoryId, d.stage_semantic AS StageSemantic,
               d.amount AS Amount, d.currency AS Currency,
               (SELECT group_concat(contact_id, char(31)) FROM (SELECT contact_id FROM deal_contacts x
                 WHERE x.portal_id = d.portal_id AND x.deal_id = d.crm_id ORDER BY position)) AS ContactIds,
               d.deleted AS Deleted, d.modified_at AS ModifiedAt
        FROM deals d WHERE d.portal_id = @PortalId ORDER BY d.crm_id
        """;

    private const string DealsPostgres = """
        SELECT d.crm_id AS Id, d.title AS Title, d.stage_id AS StageId, d.pipeline_id AS CategoryId, d.stage_semantic AS StageSemantic,
               d.amount AS Amount, d.currency AS Currency,
               (SELECT string_agg(contact_id::text, chr(31) ORDER BY position) FROM deal_contacts x
                 WHERE x.portal_id = d.portal_id AND x.deal_id = d.crm_id) AS ContactIds,
               d.deleted AS Deleted, d.modified_at AS ModifiedAt
        FROM deals d WHERE d.portal_id = @PortalId ORDER BY d.crm_id
        """;

    private const string Transitions = """
        SELECT id AS Id, deal_id AS DealId, from_stage AS FromStage, to_stage AS ToStage, from_pipeline AS FromPipeline,
               to_pipeline AS ToPipeline, occurred_at AS OccurredAt, detected_by AS DetectedBy, history_id AS HistoryId
        FROM stage_transitions WHERE portal_id = @PortalId AND (@DealId IS NULL OR deal_id = @DealId) ORDER BY occurred_at, id
        """;

    private const string Stages = """
        SELECT p.crm_id AS PipelineId, p.name AS PipelineName, p.is_default AS IsDefault, s.stage_id AS StageId, s.name AS Name,
               s.sort AS Sort, s.semantic AS Semantic,
               (SELECT COUNT(*) FROM deals d WHERE d.portal_id = s.portal_id AND d.stage_id = s.stage_id AND d.deleted = 0) AS Deals
        FROM pipelines p JOIN stages s ON s.portal_id = p.portal_id AND s.pipeline_id = p.crm_id AND s.deleted = 0
        WHERE p.portal_id = @PortalId AND p.deleted = 0 ORDER BY p.sort, p.crm_id, s.sort
        """;

    // The same stages without their deal counts: what the scenario checks read on every pass (no count of the deals).
    private const string StageNames = """
        SELECT p.crm_id AS PipelineId, p.name AS PipelineName, p.is_default AS IsDefault, s.stage_id AS StageId, s.name AS Name,
               s.sort AS Sort, s.semantic AS Semantic, 0 AS Deals
        FROM pipelines p JOIN stages s ON s.portal_id = p.portal_id AND s.pipeline_id = p.crm_id AND s.deleted = 0
        WHERE p.portal_id = @PortalId AND p.deleted = 0 ORDER BY p.sort, p.crm_id, s.sort
        """;

    public const char ListSeparator = '\u001f';

    private bool Postgres => connections.Provider == StoreProvider.Postgres;

    public async Task<long?> PortalIdAsync(string portalKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(PortalId, new { Key = portalKey }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> PortalKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition("SELECT portal_key FROM portals ORDER BY id", cancellationToken: cancellationToken))).ToList();
    }

    public IAsyncEnumerable<ContactExportRow> ContactsAsync(long portalId, CancellationToken cancellationToken) =>
        StreamAsync<ContactExportRow>(Postgres ? ContactsPostgres : Contacts, new { PortalId = portalId }, cancellationToken);

    public IAsyncEnumerable<DealExportRow> DealsAsync(long portalId, CancellationToken cancellationToken) =>
        StreamAsync<DealExportRow>(Postgres ? DealsPostgres : Deals, new { PortalId = portalId }, cancellationToken);

    public IAsyncEnumerable<TransitionRow> TransitionsAsync(long portalId, long? dealId, CancellationToken cancellationToken) =>
        StreamAsync<TransitionRow>(Transitions, new { PortalId = portalId, DealId = dealId }, cancellationToken);

    public IAsyncEnumerable<StageRow> StagesAsync(long portalId, CancellationToken cancellationToken) =>
        StreamAsync<StageRow>(Stages, new { PortalId = portalId }, cancellationToken);

    /// <summary>As <see cref="StagesAsync"/> with <see cref="StageRow.Deals"/> left 0: no deal is counted.</summary>
    public IAsyncEnumerable<StageRow> StagesWithoutCountsAsync(long portalId, CancellationToken cancellationToken) =>
        StreamAsync<StageRow>(StageNames, new { PortalId = portalId }, cancellationToken);

    private async IAsyncEnumerable<T> StreamAsync<T>(string sql, object args, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<T>(sql, args).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
