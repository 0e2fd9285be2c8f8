using System.Data.Common;
using System.Globalization;
using Connector.Sync;
using Dapper;

namespace Connector.Store;

public sealed partial class SqliteMirrorStore
{
    private const string SelectDealState = """
        SELECT d.crm_id AS CrmId, d.stage_id AS StageId, d.pipeline_id AS PipelineId, d.moved_at AS MovedAt,
               (SELECT t.to_stage FROM stage_transitions t WHERE t.portal_id = d.portal_id AND t.deal_id = d.crm_id
                ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1) AS LastTransitionTo
        FROM deals d WHERE d.portal_id = @PortalId AND d.crm_id = @Id
        """;

    private const string SelectLastTransitionTo = """
        SELECT to_stage FROM stage_transitions WHERE portal_id = @PortalId AND deal_id = @Id ORDER BY occurred_at DESC, id DESC LIMIT 1
        """;

    private const string UpsertDeal = """
        INSERT INTO deals (portal_id, crm_id, title, stage_id, pipeline_id, stage_semantic, amount, currency, assigned_by_id,
                           created_at, modified_at, moved_at, deleted, deleted_at, synced_at, seen_pass, custom_fields)
        VALUES (@PortalId, @CrmId, @Title, @StageId, @PipelineId, @StageSemantic, @Amount, @Currency, @AssignedById,
                @CreatedAt, @ModifiedAt, @MovedAt, 0, NULL, @Now, COALESCE(@Pass, 0), @CustomFields)
        ON CONFLICT(portal_id, crm_id) DO UPDATE SET
            title = excluded.title, stage_id = excluded.stage_id, pipeline_id = excluded.pipeline_id,
            stage_semantic = excluded.stage_semantic, amount = excluded.amount, currency = excluded.currency,
            assigned_by_id = excluded.assigned_by_id, created_at = excluded.created_at, modified_at = excluded.modified_at,
            moved_at = excluded.moved_at, deleted = 0, deleted_at = NULL, synced_at = excluded.synced_at,
            seen_pass = CASE WHEN @Pass IS NULL THEN deals.seen_pass ELSE excluded.seen_pass END,
            custom_fields = excluded.custom_fields
        """;

    private const string DeleteDealContacts = "DELETE FROM deal_contacts WHERE portal_id = @PortalId AND deal_id = @CrmId";

    private static readonly string InsertDealContactSqlite = InsertDealContact(StoreDialect.Sqlite);

    private static readonly string InsertDealContactPostgres = InsertDealContact(StoreDialect.Postgres);

    private const string InsertTransition = """
        INSERT INTO stage_transitions (portal_id, deal_id, from_stage, to_stage, from_pipeline, to_pipeline, occurred_at, detected_at, detected_by, history_id)
        VALUES (@PortalId, @DealId, @FromStage, @ToStage, @FromPipeline, @ToPipeline, @OccurredAt, @Now, @DetectedBy, @HistoryId)
        """;

    public async Task<int> UpsertDealsAsync(long portalId, IReadOnlyList<CrmDeal> deals, long? pass, bool recordNewDeals, string detectedBy, CancellationToken cancellationToken)
    {
        var now = Now;
        var recorded = 0;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        foreach (var deal in deals)
        {
            var state = await connection.QuerySingleOrDefaultAsync<DealStateRow>(new CommandDefinition(
                SelectDealState, new { PortalId = portalId, deal.Id }, transaction, cancellationToken: cancellationToken));
            var lastTo = state?.LastTransitionTo ?? (state is null && recordNewDeals ? await LastTransitionToAsync(connection, transaction, portalId, deal.Id, cancellationToken) : null);
            // A move is recorded once: skip when the mirror already has this stage, or when a transition (event or
            // history) already went to it.
            var moved = state is not null ? state.StageId != deal.StageId && lastTo != deal.StageId : recordNewDeals && lastTo != deal.StageId;
            if (moved)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertTransition, new
                {
                    PortalId = portalId,
                    DealId = deal.Id,
                    FromStage = state?.StageId,
                    ToStage = deal.StageId,
                    FromPipeline = state?.PipelineId,
                    ToPipeline = deal.CategoryId,
                    OccurredAt = UtcText.From(deal.MovedAt ?? (state is null ? deal.CreatedAt : null) ?? timeProvider.GetUtcNow()),
                    Now = now,
                    DetectedBy = detectedBy,
                    HistoryId = (long?)null,
                }, transaction, cancellationToken: cancellationToken));
                recorded++;
            }

            await WriteDealAsync(connection, transaction, connections.Provider, portalId, deal, pass, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    private static async Task<string?> LastTransitionToAsync(DbConnection connection, DbTransaction transaction, long portalId, long dealId, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            SelectLastTransitionTo, new { PortalId = portalId, Id = dealId }, transaction, cancellationToken: cancellationToken));

    private static async Task WriteDealAsync(DbConnection connection, DbTransaction transaction, StoreProvider provider, long portalId, CrmDeal deal, long? pass, string now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(UpsertDeal, new
        {
            PortalId = portalId,
            CrmId = deal.Id,
            deal.Title,
            deal.StageId,
            PipelineId = deal.CategoryId,
            deal.StageSemantic,
            Amount = deal.Amount?.ToString(CultureInfo.InvariantCulture),
            deal.Currency,
            deal.AssignedById,
            CreatedAt = UtcText.From(deal.CreatedAt),
            ModifiedAt = UtcText.From(deal.ModifiedAt),
            MovedAt = UtcText.From(deal.MovedAt),
            Now = now,
            Pass = pass,
            CustomFields = CustomFieldsJson.Write(deal.CustomFields),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteDealContacts, new { PortalId = portalId, CrmId = deal.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(provider == StoreProvider.Postgres ? InsertDealContactPostgres : InsertDealContactSqlite, deal.ContactIds.Select((c, i) => new
        {
            PortalId = portalId, DealId = deal.Id, ContactId = c, Position = i,
        }), transaction, cancellationToken: cancellationToken));
    }

    private static string InsertDealContact(StoreDialect dialect) =>
        $"{dialect.InsertOrIgnore.Insert} INTO deal_contacts (portal_id, deal_id, contact_id, position) VALUES (@PortalId, @DealId, @ContactId, @Position){dialect.InsertOrIgnore.OnConflictSuffix}";
}
