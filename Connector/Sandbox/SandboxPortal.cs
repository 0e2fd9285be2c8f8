using Connector.Sandbox.Events;
using Connector.Sandbox.Limits;
using Connector.Sandbox.OAuth;
using Connector.Sandbox.Seeding;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox;

/// <summary>
/// An in-memory Bitrix24 portal: CRM contacts, deals, pipelines, stages and stage history, seeded
/// deterministically, served over REST by <see cref="SandboxEndpoints"/> with the real wire quirks and limits.
/// Thread-safe (one lock); every timestamp comes from the injected TimeProvider. Knows nothing of Connector/Crm.
/// It is also the app host: OAuth tokens, install/uninstall, event and placement bindings, event delivery.
/// </summary>
public sealed partial class SandboxPortal : IAsyncDisposable, IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly List<SandboxContact> _contacts = [];
    private readonly List<SandboxDeal> _deals = [];
    private readonly List<SandboxHistoryRow> _history = [];
    private readonly IReadOnlyList<SandboxPipeline> _pipelines = SandboxCatalog.Pipelines;
    private readonly IReadOnlyList<SandboxStage> _stages = SandboxCatalog.Stages;
    private readonly SandboxLeakyBucket _bucket;
    private readonly SandboxOperatingMeter _meter;
    private readonly Dictionary<string, long> _calls = new(StringComparer.Ordinal);
    private long _requests;
    private long _queryLimitRejections;
    private long _operatingLimitRejections;
    private long _nextContactId = 1;
    private long _nextEmailId = 1;
    private long _nextDealId = 1;
    private long _nextHistoryId = 1;
    private readonly SandboxTokenStore _tokens;
    private readonly HttpClient _http;
    private readonly SandboxEventDelivery _delivery;
    private readonly Random _loss;

    public SandboxPortal(SandboxOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        _timeProvider = timeProvider;
        _bucket = options.Enterprise
            ? new SandboxLeakyBucket(5, 250, timeProvider)
            : new SandboxLeakyBucket(2, 50, timeProvider);
        _meter = new SandboxOperatingMeter(options.OperatingLimitSeconds);
        _tokens = new SandboxTokenStore(options, timeProvider);
        _loss = new Random(options.Seed);

        // Redirects are never followed: a handler's 302 is its answer, as for the real queue server.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _delivery = new SandboxEventDelivery(_http, TimeSpan.FromSeconds(options.EventTimeoutSeconds));
        Seed(options.Seed, options.Contacts, options.Deals);
    }

    public SandboxOptions Options { get; }

    public IReadOnlyList<SandboxContact> Contacts => Snapshot(_contacts);

    public IReadOnlyList<SandboxDeal> Deals => Snapshot(_deals);

    public IReadOnlyList<SandboxHistoryRow> History => Snapshot(_history);

    public IReadOnlyList<SandboxPipeline> Pipelines => _pipelines;

    public IReadOnlyList<SandboxStage> Stages => _stages;

    public SandboxStats Stats
    {
        get
        {
            lock (_lock)
            {
                return new SandboxStats(_requests, new Dictionary<string, long>(_calls), _queryLimitRejections, _operatingLimitRejections)
                {
                    TokenRefreshes = _tokens.Refreshes,
                    Events = _delivery.Stats,
                };
            }
        }
    }

    // Internal views for the method handlers, which already run under the lock.
    internal List<SandboxContact> ContactList => _contacts;

    internal List<SandboxDeal> DealList => _deals;

    internal List<SandboxHistoryRow> HistoryList => _history;

    internal DateTimeOffset Now => SandboxDates.Truncate(_timeProvider.GetUtcNow());

    /// <summary>Replaces all CRM data with a deterministic seed (pipelines and stages are fixed).</summary>
    public void Seed(int seed, int contacts, int deals)
    {
        lock (_lock)
        {
            var data = SandboxSeeder.Generate(seed, contacts, deals, Now, _stages, Options.DistinctEmails);
            _contacts.Clear();
            _contacts.AddRange(data.Contacts);
            _deals.Clear();
            _deals.AddRange(data.Deals);
            _history.Clear();
            _history.AddRange(data.History);
            _nextContactId = data.Contacts.Count == 0 ? 1 : data.Contacts[^1].Id + 1;
            _nextDealId = data.Deals.Count == 0 ? 1 : data.Deals[^1].Id + 1;
            _nextHistoryId = data.History.Count == 0 ? 1 : data.History[^1].Id + 1;
            _nextEmailId = data.Contacts.SelectMany(c => c.Emails).Select(e => e.Id).DefaultIfEmpty(0).Max() + 1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _delivery.DisposeAsync();
        _http.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private T[] Snapshot<T>(List<T> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }

    private static int IndexById<T>(List<T> list, Func<T, long> idOf, long id)
    {
        int lo = 0, hi = list.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var current = idOf(list[mid]);
            if (current == id)
            {
                return mid;
            }

            if (current < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
