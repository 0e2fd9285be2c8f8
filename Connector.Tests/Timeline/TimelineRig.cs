using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Crm.Bitrix24.Timeline;
using Connector.Feed;
using Connector.Sandbox;
using Connector.Sending.Ledger;
using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Connector.Timeline;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Timeline;

/// <summary>
/// The write-back against a real sandbox portal (webhook mode, so comments) over the real client: a <see cref="SyncRig"/>
/// whose mirror is synced once, and the Timeline services built on its store with a fake clock (backoff) and an optional
/// client decorator (faults). Facts are inserted into the 0008 tables directly, as their writers would.
/// </summary>
public sealed class TimelineRig : IAsyncDisposable
{
    private long _nextKey;

    private TimelineRig(SyncRig sync, long portalId, Func<IBitrix24Client, IBitrix24Client>? decorate, CrmOptOutOptions optOut)
    {
        Sync = sync;
        PortalId = portalId;
        Clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        Connections = sync.Services.GetRequiredService<SqliteConnectionFactory>();
        Store = new TimelineOutboxStore(Connections);
        var client = sync.Services.GetRequiredService<IBitrix24Client>();
        Client = decorate?.Invoke(client) ?? client;
        var options = Options.Create(new TimelineOptions());
        Crm = new Bitrix24Timeline(() => Client, new Bitrix24TimelinePortals(Connections), sync.Services.GetRequiredService<Bitrix24InstallStore>(),
            Bitrix24ConfiguredPortals.Of(sync.Portal), options);
        Producer = new TimelineProducer(Store, new ResultsFollower(new ResultsFeed(Connections), new ResultsCursorStore(Connections), Clock), Crm, Clock, options, NullLogger<TimelineProducer>.Instance);
        Dispatcher = new TimelineDispatcher(Store, Crm, Clock, options, NullLogger<TimelineDispatcher>.Instance);
        OptOut = new OptOutWatcher(Store, Crm, Ledger, Options.Create(optOut), Clock, NullLogger<OptOutWatcher>.Instance);
    }

    public SyncRig Sync { get; }

    public SandboxPortal Portal => Sync.Crm;

    public long PortalId { get; }

    public FakeTimeProvider Clock { get; }

    public SqliteConnectionFactory Connections { get; }

    public TimelineOutboxStore Store { get; }

    public IBitrix24Client Client { get; }

    public ICrmTimeline Crm { get; }

    public TimelineProducer Producer { get; }

    public TimelineDispatcher Dispatcher { get; }

    public OptOutWatcher OptOut { get; }

    public SendLedgerStore Ledger => Sync.Services.GetRequiredService<SendLedgerStore>();

    public static async Task<TimelineRig> StartAsync(
        SandboxOptions? options = null, Func<IBitrix24Client, IBitrix24Client>? decorate = null, Func<Uri, Uri>? portalUrl = null,
        IDictionary<string, string?>? settings = null, CrmOptOutOptions? optOut = null, Action<SyncRig>? beforeSync = null)
    {
        var sync = await SyncRig.StartAsync(options ?? new SandboxOptions { Seed = 3, Contacts = 30, Deals = 10 }, settings, portalUrl: portalUrl);
        beforeSync?.Invoke(sync);
        var summary = await sync.RunAsync(SyncMode.Full);
        Assert.That(summary.Succeeded, Is.True, summary.Error);
        var portalId = await sync.Queries.PortalIdAsync("sandbox", TestContext.CurrentContext.CancellationToken) ?? throw new InvalidOperationException("no portal");
        return new TimelineRig(sync, portalId, decorate, optOut ?? new CrmOptOutOptions());
    }

    /// <summary>A send key of this portal (or of none), as Campaigns writes it.</summary>
    public async Task<string> AddSendKeyAsync(string name, long? dealId = null, bool withPortal = true)
    {
        var key = $"key-{++_nextKey}";
        await ExecuteAsync(
            "INSERT INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at) VALUES (@Key, @PortalId, @Name, 'Campaign', @DealId, @Now)",
            new { Key = key, PortalId = withPortal ? PortalId : (long?)null, Name = name, DealId = dealId, Now = Now });
        return key;
    }

    public async Task<long> AddLedgerAsync(string sendKey, long contactId, string state = "sent", int? replyCode = null, string? recipient = null)
    {
        await using var connection = await Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, reply_code, created_at, updated_at)
            VALUES (@SendKey, @Recipient, @ContactId, @State, @Now, @Now, @ReplyCode, @Now, @Now) RETURNING id
            """, new { SendKey = sendKey, Recipient = recipient ?? $"c{contactId}-{Guid.NewGuid():N}@example.org", ContactId = contactId, State = state, ReplyCode = replyCode, Now = Now },
            cancellationToken: TestContext.CurrentContext.CancellationToken));
    }

    public Task SetLedgerStateAsync(long ledgerId, string state, int? replyCode = null) =>
        ExecuteAsync("UPDATE send_ledger SET state = @State, reply_code = @ReplyCode, updated_at = @Now WHERE id = @Id", new { Id = ledgerId, State = state, ReplyCode = replyCode, Now = Now });

    public Task AddHitAsync(long ledgerId, long contactId, string kind, string? url = null, bool machine = false) =>
        ExecuteAsync("INSERT INTO engagement_hits (ledger_id, contact_id, kind, url, at, machine) VALUES (@LedgerId, @ContactId, @Kind, @Url, @Now, @Machine)",
            new { LedgerId = ledgerId, ContactId = contactId, Kind = kind, Url = url, Now = Now, Machine = machine ? 1 : 0 });

    public Task AddBounceAsync(long? ledgerId, string kind, string recipient = "x@example.org") =>
        ExecuteAsync("INSERT INTO bounce_events (ledger_id, recipient, kind, status, source, at) VALUES (@LedgerId, @Recipient, @Kind, '5.1.1', 'imap', @Now)",
            new { LedgerId = ledgerId, Recipient = recipient, Kind = kind, Now = Now });

    /// <summary>Producer, CRM opt-outs and one dispatch pass, on the rig's clock.</summary>
    public async Task<TimelineRun> RunAsync()
    {
        var token = TestContext.CurrentContext.CancellationToken;
        var produced = await Producer.RunAsync(token);
        var optOuts = await OptOut.RunAsync(token);
        return new TimelineRun(produced, optOuts, await Dispatcher.RunAsync(token));
    }

    public async Task<List<TimelineEntryRow>> EntriesAsync()
    {
        await using var connection = await Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        return (await connection.QueryAsync<TimelineEntryRow>(new CommandDefinition("""
            SELECT id AS Id, portal_id AS PortalId, contact_id AS ContactId, deal_id AS DealId, ledger_id AS LedgerId, kind AS Kind, action AS Action,
                   name AS Name, url AS Url, occurred_at AS OccurredAt, state AS State, crm_id AS CrmId, reason AS Reason, attempts AS Attempts,
                   uncertain AS Uncertain, next_attempt_at AS NextAttemptAt
            FROM timeline_outbox ORDER BY id
            """, cancellationToken: TestContext.CurrentContext.CancellationToken))).ToList();
    }

    /// <summary>Comments the sandbox holds on a contact (type 3) or deal (type 2).</summary>
    public IReadOnlyList<SandboxTimelineEntry> TimelineOf(int type, long id) => Portal.TimelineOf(type, id);

    public ValueTask DisposeAsync() => Sync.DisposeAsync();

    private static string Now => UtcText.From(TimeProvider.System.GetUtcNow());

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: TestContext.CurrentContext.CancellationToken));
    }
}
