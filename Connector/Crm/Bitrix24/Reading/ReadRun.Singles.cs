using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

public sealed partial class ReadRun
{
    private readonly HashSet<long> _statusRequested = [];
    private readonly Dictionary<long, List<CrmStage>> _stages = [];
    private List<CrmPipeline>? _pipelines;
    private bool _dictionaryDelivered;

    private static SingleCall AppInfo(Action<Bitrix24Plan> setPlan) => new("app.info", "", (result, error, _) =>
    {
        // app.info needs application context; through a webhook it may fail, and then the standard plan stays.
        if (error is null && result is { ValueKind: JsonValueKind.Object } info)
        {
            var family = Bitrix24Json.ReadOptionalString(info, "LICENSE_FAMILY") ?? "";
            var type = Bitrix24Json.ReadOptionalString(info, "LICENSE_TYPE") ?? "";
            setPlan(family == "ent" || type.StartsWith("ent", StringComparison.Ordinal) ? Bitrix24Plan.Enterprise : Bitrix24Plan.Standard);
        }

        return ValueTask.CompletedTask;
    });

    private void EnqueueDictionary(IReadOnlyList<long> knownPipelineIds)
    {
        _singles.Enqueue(new SingleCall("crm.category.list", new BatchQuery().Add("entityTypeId", 2).ToString(), OnCategoriesAsync));
        foreach (var id in knownPipelineIds.Append(0).Distinct())
        {
            _ = EnqueueStatuses(id);
        }
    }

    private bool EnqueueStatuses(long pipelineId)
    {
        if (!_statusRequested.Add(pipelineId))
        {
            return false;
        }

        var entity = pipelineId == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{pipelineId}";
        var query = new BatchQuery().Add("filter[ENTITY_ID]", entity).Add("order[SORT]", "ASC").ToString();
        _singles.Enqueue(new SingleCall("crm.status.list", query, (result, error, ct) => OnStatusesAsync(pipelineId, result, error, ct)));
        return true;
    }

    private async ValueTask OnCategoriesAsync(JsonElement? result, Bitrix24Error? error, CancellationToken cancellationToken)
    {
        if (error is not null || result is not { } r)
        {
            Fail($"crm.category.list: {error}");
            return;
        }

        var rows = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("categories", out var list) ? list : r;
        if (rows.ValueKind != JsonValueKind.Array)
        {
            Fail($"crm.category.list: result.categories should be a list but is {rows.ValueKind.ToString().ToLowerInvariant()}");
            return;
        }

        _pipelines = [];
        foreach (var row in rows.EnumerateArray())
        {
            try
            {
                var pipeline = WireParsers.Pipeline(row);
                _pipelines.Add(pipeline);
                // A pipeline not known before needs its stages asked for after this answer: a second round.
                DependentRound |= EnqueueStatuses(pipeline.Id);
            }
            catch (FormatException ex)
            {
                _sink.OnRejected(new CrmRejectedRecord(CrmRecordKind.Pipeline, null, $"crm.category.list: {ex.Message}"));
            }
        }

        await DeliverDictionaryAsync(cancellationToken);
    }

    private async ValueTask OnStatusesAsync(long pipelineId, JsonElement? result, Bitrix24Error? error, CancellationToken cancellationToken)
    {
        if (error is not null || result is not { ValueKind: JsonValueKind.Array } rows)
        {
            Fail($"crm.status.list ({pipelineId}): {error?.ToString() ?? "result should be a list"}");
            return;
        }

        var stages = _stages[pipelineId] = [];
        foreach (var row in rows.EnumerateArray())
        {
            try
            {
                stages.Add(WireParsers.Stage(row, pipelineId));
            }
            catch (FormatException ex)
            {
                _sink.OnRejected(new CrmRejectedRecord(CrmRecordKind.Stage, null, $"crm.status.list: {ex.Message}"));
            }
        }

        await DeliverDictionaryAsync(cancellationToken);
    }

    private async ValueTask DeliverDictionaryAsync(CancellationToken cancellationToken)
    {
        if (_dictionaryDelivered || _pipelines is null || _statusRequested.Any(id => !_stages.ContainsKey(id)))
        {
            return;
        }

        _dictionaryDelivered = true;
        var live = _pipelines.Select(p => p.Id).ToHashSet();
        var stages = _stages.Where(s => live.Contains(s.Key)).SelectMany(s => s.Value).ToList();
        await _sink.OnPipelinesAsync(_pipelines, stages, cancellationToken);
    }

    private SingleCall HistoryLatest()
    {
        var query = new BatchQuery().Add("entityTypeId", 2).Add("order[ID]", "DESC").Add("select[]", "ID").Add("start", -1).ToString();
        return new SingleCall("crm.stagehistory.list", query, async (result, error, ct) =>
        {
            if (error is not null || result is not { } r)
            {
                Fail($"crm.stagehistory.list: {error}");
                return;
            }

            var items = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("items", out var list) ? list : r;
            long? latest = items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0 ? Bitrix24Json.ReadOptionalLong(items[0], "ID") : null;
            await _sink.OnHistoryLatestIdAsync(latest, ct);
        });
    }
}
