using Connector.Sync;
using Dapper;

namespace Connector.Store;

public sealed partial class SqliteMirrorStore
{
    private const string UpsertPipeline = """
        INSERT INTO pipelines (portal_id, crm_id, name, sort, is_default, deleted) VALUES (@PortalId, @Id, @Name, @Sort, @IsDefault, 0)
        ON CONFLICT(portal_id, crm_id) DO UPDATE SET name = excluded.name, sort = excluded.sort, is_default = excluded.is_default, deleted = 0
        """;

    private const string UpsertStage = """
        INSERT INTO stages (portal_id, stage_id, pipeline_id, name, sort, semantic, color, deleted)
        VALUES (@PortalId, @StageId, @PipelineId, @Name, @Sort, @Semantic, @Color, 0)
        ON CONFLICT(portal_id, stage_id) DO UPDATE SET pipeline_id = excluded.pipeline_id, name = excluded.name, sort = excluded.sort,
            semantic = excluded.semantic, color = excluded.color, deleted = 0
        """;

    public async Task UpsertPipelinesAsync(long portalId, IReadOnlyList<CrmPipeline> pipelines, IReadOnlyList<CrmStage> stages, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        // Pipelines and stages come complete in one read, so anything not in it is gone from the CRM.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pipelines SET deleted = 1 WHERE portal_id = @PortalId; UPDATE stages SET deleted = 1 WHERE portal_id = @PortalId",
            new { PortalId = portalId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(UpsertPipeline, pipelines.Select(p => new
        {
            PortalId = portalId, p.Id, p.Name, p.Sort, IsDefault = p.IsDefault ? 1 : 0,
        }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(UpsertStage, stages.Select(s => new
        {
            PortalId = portalId, s.StageId, s.PipelineId, s.Name, s.Sort, s.Semantic, s.Color,
        }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<long>> PipelineIdsAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT crm_id FROM pipelines WHERE portal_id = @PortalId AND deleted = 0 ORDER BY crm_id", new { PortalId = portalId }, cancellationToken: cancellationToken));
        return ids.ToList();
    }
}
