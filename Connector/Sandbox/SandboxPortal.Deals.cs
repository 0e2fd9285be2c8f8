using Connector.Sandbox.Events;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    public SandboxDeal AddDeal(SandboxDealFields fields)
    {
        lock (_lock)
        {
            return AddDealCore(fields);
        }
    }

    /// <summary>Changes a deal; a new STAGE_ID behaves like <see cref="MoveDeal"/>. Null when the deal does not exist.</summary>
    public SandboxDeal? UpdateDeal(long id, SandboxDealFields fields)
    {
        lock (_lock)
        {
            return UpdateDealCore(id, fields);
        }
    }

    /// <summary>Moves a deal within its pipeline: history row TYPE_ID 2 (3 for a final stage), MOVED_TIME, DATE_MODIFY.</summary>
    public SandboxDeal? MoveDeal(long id, string stageId)
    {
        lock (_lock)
        {
            return UpdateDealCore(id, new SandboxDealFields { StageId = stageId });
        }
    }

    /// <summary>Moves a deal to another pipeline (history TYPE_ID 5); stageId null means the pipeline's first stage.</summary>
    public SandboxDeal? MoveDealToCategory(long id, int categoryId, string? stageId = null)
    {
        lock (_lock)
        {
            var index = IndexById(_deals, d => d.Id, id);
            if (index < 0)
            {
                return null;
            }

            var stage = ResolveStage(categoryId, stageId);
            var now = Now;
            var moved = ApplyStage(_deals[index], stage, now) with { DateModify = now };
            _deals[index] = moved;
            AppendHistory(5, moved, now);

            // on-crm-deal-move-to-category.md: a pipeline change fires only this event, never ONCRMDEALUPDATE.
            RaiseEvent(SandboxEventNames.DealMoveToCategory,
            [
                new("data[FIELDS][ID]", Text(moved.Id)),
                new("data[FIELDS][CATEGORY_ID]", Text(moved.CategoryId)),
                new("data[FIELDS][STAGE_ID]", moved.StageId),
            ]);
            return moved;
        }
    }

    public bool DeleteDeal(long id)
    {
        lock (_lock)
        {
            var index = IndexById(_deals, d => d.Id, id);
            if (index >= 0)
            {
                _deals.RemoveAt(index);
                RaiseEntityEvent(SandboxEventNames.DealDelete, id);
            }

            return index >= 0;
        }
    }

    internal SandboxDeal? FindDeal(long id)
    {
        var index = IndexById(_deals, d => d.Id, id);
        return index < 0 ? null : _deals[index];
    }

    internal SandboxDeal AddDealCore(SandboxDealFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var stage = ResolveStage(fields.CategoryId ?? 0, fields.StageId);
        var now = Now;
        var deal = ApplyStage(
            new SandboxDeal(
                _nextDealId++,
                fields.Title ?? string.Empty,
                stage.CategoryId,
                stage.StatusId,
                stage.SemanticId,
                fields.Opportunity ?? 0,
                fields.CurrencyId ?? "RUB",
                fields.AssignedById ?? Options.WebhookUserId,
                fields.ContactIds ?? [],
                now,
                now,
                now,
                false)
            {
                UserFields = SandboxUserFields.Merge(SandboxUserFields.None, fields.UserFields),
            },
            stage,
            now);
        _deals.Add(deal);
        AppendHistory(1, deal, now);
        RaiseEntityEvent(SandboxEventNames.DealAdd, deal.Id);
        return deal;
    }

    internal SandboxDeal? UpdateDealCore(long id, SandboxDealFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var index = IndexById(_deals, d => d.Id, id);
        if (index < 0)
        {
            return null;
        }

        var old = _deals[index];
        var now = Now;
        var updated = old with
        {
            Title = fields.Title ?? old.Title,
            Opportunity = fields.Opportunity ?? old.Opportunity,
            CurrencyId = fields.CurrencyId ?? old.CurrencyId,
            AssignedById = fields.AssignedById ?? old.AssignedById,
            ContactIds = fields.ContactIds ?? old.ContactIds,
            UserFields = SandboxUserFields.Merge(old.UserFields, fields.UserFields),
            DateModify = now,
        };
        var stageChanged = fields.StageId is { } stageId && !string.Equals(stageId, old.StageId, StringComparison.Ordinal);
        if (stageChanged)
        {
            var stage = ResolveStage(old.CategoryId, fields.StageId);
            updated = ApplyStage(updated, stage, now);
            AppendHistory(stage.IsFinal ? 3 : 2, updated, now);
        }

        _deals[index] = updated;
        RaiseEntityEvent(SandboxEventNames.DealUpdate, id);
        if (stageChanged)
        {
            RunRobots(updated);
        }

        return updated;
    }

    private SandboxStage ResolveStage(int categoryId, string? stageId)
    {
        var inCategory = _stages.Where(s => s.CategoryId == categoryId).ToList();
        if (inCategory.Count == 0)
        {
            throw new ArgumentException($"Unknown deal category {categoryId}.", nameof(categoryId));
        }

        if (stageId is null)
        {
            return inCategory[0];
        }

        return inCategory.FirstOrDefault(s => string.Equals(s.StatusId, stageId, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Stage {stageId} is not in category {categoryId}.", nameof(stageId));
    }

    private static SandboxDeal ApplyStage(SandboxDeal deal, SandboxStage stage, DateTimeOffset now) => deal with
    {
        CategoryId = stage.CategoryId,
        StageId = stage.StatusId,
        StageSemanticId = stage.SemanticId,
        Closed = stage.IsFinal,
        MovedTime = now,
    };

    private void AppendHistory(int typeId, SandboxDeal deal, DateTimeOffset now) =>
        _history.Add(new SandboxHistoryRow(_nextHistoryId++, typeId, deal.Id, now, deal.CategoryId, deal.StageSemanticId, deal.StageId));
}
