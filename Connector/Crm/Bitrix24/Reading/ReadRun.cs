using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// The state of one read: one-off calls still to send and the chained lists, packed into batches of 50 so that
/// the number of requests stays at the minimum the calls need. Results are applied in dependency order:
/// dictionaries, stage history, deals, contacts.
/// </summary>
public sealed partial class ReadRun
{
    public const int BatchSize = 50;
    private const int MaxRetryableErrors = 5;

    private readonly Queue<SingleCall> _singles = new();
    private readonly List<ListChain> _chains = [];
    private readonly ICrmReadSink _sink;
    private readonly List<string> _failures = [];
    private int _keySeq;
    private int _retryableErrors;

    public ReadRun(CrmReadPlan plan, ICrmReadSink sink, Action<Bitrix24Plan> setPlan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _sink = sink;
        if (plan.PlanInfo)
        {
            _singles.Enqueue(AppInfo(setPlan));
        }

        if (plan.Pipelines)
        {
            EnqueueDictionary(plan.KnownPipelineIds);
        }

        if (plan.HistoryLatestIdOnly)
        {
            _singles.Enqueue(HistoryLatest());
        }
        else if (plan.HistoryAfterId is { } after)
        {
            _chains.Add(new ListChain(ListChainSpecs.History(), after));
        }

        if (plan.Deals is { } deals)
        {
            _chains.Add(new ListChain(ListChainSpecs.Deals(deals, plan.CountRows && !deals.IdsOnly)));
        }

        if (plan.Contacts is { } contacts)
        {
            _chains.Add(new ListChain(ListChainSpecs.Contacts(contacts, plan.CountRows && !contacts.IdsOnly)));
        }

        EnqueueByIds(ListChainSpecs.Deals(new CrmStreamRequest(), count: false), plan.DealIds);
        EnqueueByIds(ListChainSpecs.Contacts(new CrmStreamRequest(), count: false), plan.ContactIds);
    }

    /// <summary>Records by ID: 50 IDs to a list call (one page), 50 calls to a batch — 2,500 records a request.</summary>
    private void EnqueueByIds(ListChainSpec spec, IReadOnlyList<long> ids)
    {
        foreach (var chunk in ids.Distinct().Chunk(ListChain.PageSize))
        {
            var query = new BatchQuery();
            spec.AddFixed(query);
            foreach (var id in chunk)
            {
                query.Add($"filter[@{spec.IdField}][]", id);
            }

            query.Add("start", -1);
            _singles.Enqueue(new SingleCall(spec.Method, query.ToString(), async (result, error, ct) =>
            {
                if (error is not null || result is not { } r)
                {
                    Fail($"{spec.Method}: {error}");
                    return;
                }

                await DeliverAsync(spec, spec.Rows(r).ToList(), ct);
            }));
        }
    }

    public long EssentialCalls { get; private set; }

    /// <summary>Some calls could only be made after an earlier answer (stages of newly found pipelines).</summary>
    public bool DependentRound { get; private set; }

    /// <summary>The fewest requests these calls fit in: 50 a request, and one more round when calls depended on answers.</summary>
    public long MinimumRequests => Math.Max((EssentialCalls + BatchSize - 1) / BatchSize, DependentRound ? 2 : 1);

    public bool HasWork => _failures.Count == 0 && (_singles.Count > 0 || _chains.Any(c => c.Active));

    public IReadOnlyList<string> Failures => _failures;

    public IReadOnlySet<CrmRecordKind> Completed =>
        _chains.Where(c => c.Done && c.Failure is null).Select(c => c.Spec.Kind).ToHashSet();

    private ListChain? HistoryChain => _chains.FirstOrDefault(c => c.Spec.Kind == CrmRecordKind.StageHistory);

    /// <summary>The next batch: all pending one-off calls, then chained pages shared round-robin by what each list wants.</summary>
    public BatchPlan NextBatch()
    {
        var commands = new List<Bitrix24BatchCommand>();
        var singles = new Dictionary<string, SingleCall>();
        while (_singles.Count > 0 && commands.Count < BatchSize)
        {
            var call = _singles.Dequeue();
            var key = $"s{++_keySeq}";
            singles[key] = call;
            commands.Add(new Bitrix24BatchCommand(key, call.Method, call.Query));
        }

        var active = _chains.Where(c => c.Active).ToList();
        var give = active.ToDictionary(c => c, _ => 0);
        var wants = active.ToDictionary(c => c, c => c.WantedPages());
        for (var free = BatchSize - commands.Count; free > 0;)
        {
            var before = free;
            foreach (var chain in active.Where(c => give[c] < wants[c] && free > 0))
            {
                give[chain]++;
                free--;
            }

            if (free == before)
            {
                break;
            }
        }

        var pages = new Dictionary<ListChain, IReadOnlyList<Bitrix24BatchCommand>>();
        foreach (var (chain, count) in give.Where(g => g.Value > 0))
        {
            pages[chain] = chain.Commands(count, () => $"{chain.Spec.Kind.ToString()[0]}{++_keySeq}");
            commands.AddRange(pages[chain]);
        }

        return new BatchPlan(commands, singles, pages);
    }

    public void Fail(string failure) => _failures.Add(failure);
}
