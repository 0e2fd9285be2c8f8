using System.Data.Common;
using Connector.Sync;
using Dapper;

namespace Connector.Store;

public sealed partial class SqliteMirrorStore
{
    /// <summary>How far apart an event/poll transition and its history row may be and still be the same move.</summary>
    public static readonly TimeSpan HistoryMatchWindow = TimeSpan.FromMinutes(15);

    private const string HistoryKnown = "SELECT COUNT(*) FROM stage_transitions WHERE portal_id = @PortalId AND history_id = @HistoryId";

    private const string LinkHistory = """
        UPDATE stage_transitions SET history_id = @HistoryId
        WHERE id = (SELECT id FROM stage_transitions
                    WHERE portal_id = @PortalId AND deal_id = @DealId AND to_stage = @ToStage AND history_id IS NULL
                      AND occurred_at BETWEEN @Lo AND @Hi
                    ORDER BY id LIMIT 1)
        """;

    private const string StageBefore = """
        SELECT to_stage AS Stage, to_pipeline AS Pipeline FROM stage_transitions
        WHERE portal_id = @PortalId AND deal_id = @DealId AND occurred_at <= @At ORDER BY occurred_at DESC, id DESC LIMIT 1
        """;

    private const string MirrorStage = """
        SELECT crm_id AS CrmId, stage_id AS StageId, pipeline_id AS PipelineId, moved_at AS MovedAt FROM deals
        WHERE portal_id = @PortalId AND crm_id = @DealId
        """;

    private const string MoveMirror = """
        UPDATE deals SET stage_id = @StageId, pipeline_id = @PipelineId, moved_at = @At,
            stage_semantic = COALESCE((SELECT semantic FROM stages WHERE portal_id = @PortalId AND stage_id = @StageId), stage_semantic)
        WHERE portal_id = @PortalId AND crm_id = @DealId AND (moved_at IS NULL OR moved_at <= @At)
        """;

    public async Task<int> ApplyHistoryAsync(long portalId, IReadOnlyList<CrmStageHistoryEntry> entries, CancellationToken cancellationToken)
    {
        var now = Now;
        var recorded = 0;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        foreach (var entry in entries.OrderBy(e => e.Id))
        {
            if (await ApplyHistoryEntryAsync(connection, transaction, portalId, entry, now, cancellationToken))
            {
                recorded++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    private static async Task<bool> ApplyHistoryEntryAsync(DbConnection connection, DbTransaction transaction, long portalId, CrmStageHistoryEntry entry, string now, CancellationToken cancellationToken)
    {
        CommandDefinition Cmd(string sql, object args) => new(sql, args, transaction, cancellationToken: cancellationToken);
        var at = UtcText.From(entry.CreatedAt);
        if (await connection.ExecuteScalarAsync<long>(Cmd(HistoryKnown, new { PortalId = portalId, HistoryId = entry.Id })) > 0)
        {
            return false;
        }

        // The same move may already be known from an event or a poll: link it instead of recording it twice.
        var linked = await connection.ExecuteAsync(Cmd(LinkHistory, new
        {
            PortalId = portalId, DealId = entry.DealId, ToStage = entry.StageId, HistoryId = entry.Id,
            Lo = UtcText.From(entry.CreatedAt - HistoryMatchWindow), Hi = UtcText.From(entry.CreatedAt + HistoryMatchWindow),
        }));
        if (linked > 0)
        {
            return false;
        }

        var mirror = await connection.QuerySingleOrDefaultAsync<DealStateRow>(Cmd(MirrorStage, new { PortalId = portalId, entry.DealId }));
        var before = await connection.QuerySingleOrDefaultAsync<StageAtRow>(Cmd(StageBefore, new { PortalId = portalId, entry.DealId, At = at }));
        string? fromStage = null;
        long? fromPipeline = null;
        if (entry.TypeId != 1 && before is { } b)
        {
            (fromStage, fromPipeline) = (b.Stage, b.Pipeline);
        }
        else if (entry.TypeId != 1 && mirror is not null && (mirror.MovedAt is null || string.CompareOrdinal(mirror.MovedAt, at) <= 0))
        {
            (fromStage, fromPipeline) = (mirror.StageId, mirror.PipelineId);
        }

        if (fromStage == entry.StageId)
        {
            return false;
        }

        await connection.ExecuteAsync(Cmd(InsertTransition, new
        {
            PortalId = portalId, DealId = entry.DealId, FromStage = fromStage, ToStage = entry.StageId, FromPipeline = fromPipeline,
            ToPipeline = entry.CategoryId, OccurredAt = at, Now = now, DetectedBy = "history", HistoryId = (long?)entry.Id,
        }));
        await connection.ExecuteAsync(Cmd(MoveMirror, new { PortalId = portalId, entry.DealId, entry.StageId, PipelineId = entry.CategoryId, At = at }));
        return true;
    }
}
