using Connector.Feed;
using Connector.Store;
using Connector.Webhooks;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Webhooks;

/// <summary>
/// A migrated store with one portal and one send key (deal 77), the Webhooks slice composed by its own
/// <see cref="WebhooksServiceCollectionExtensions.AddWebhooks"/> over it with a fake clock, and helpers that insert fact
/// rows into the 0008 tables as their writers would.
/// </summary>
internal sealed class WebhookRig : IAsyncDisposable
{
    public const long PortalId = 1;
    public const string SendKey = "campaign:1";
    public const long DealId = 77;

    private readonly string _folder = Directory.CreateTempSubdirectory("webhooks-").FullName;
    private readonly ServiceProvider _services;

    private WebhookRig(IDictionary<string, string?> settings)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        Connections = new SqliteConnectionFactory(Path.Combine(_folder, "w.db"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging(b => b.AddProvider(Logs))
            .AddSingleton(Connections).AddSingleton<TimeProvider>(Clock).AddFeed().AddWebhooks().BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public SqliteConnectionFactory Connections { get; }

    public Connector.Tests.Crm.Bitrix24.CapturingLoggerProvider Logs { get; } = new();

    public WebhookStore Store => _services.GetRequiredService<WebhookStore>();

    public WebhookProducer Producer => _services.GetRequiredService<WebhookProducer>();

    public WebhookDispatcher Dispatcher => _services.GetRequiredService<WebhookDispatcher>();

    public static async Task<WebhookRig> StartAsync(bool allowPrivate = true, string timeout = "00:00:05")
    {
        var rig = new WebhookRig(new Dictionary<string, string?> { ["Webhooks:AllowPrivate"] = allowPrivate ? "true" : "false", ["Webhooks:Timeout"] = timeout });
        var ct = TestContext.CurrentContext.CancellationToken;
        await new MigrationRunner(rig.Connections, rig.Clock).ApplyAsync(ct);
        await rig.ExecuteAsync("""
            INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES (1, 'p1', 'p1.example', 'webhook', 'x', 'x');
            INSERT INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at) VALUES ('campaign:1', 1, 'Winter', 'Campaign', 77, 'x');
            """);
        return rig;
    }

    public Task<long> AddSubscriberAsync(string url, string events = "sent,opened,clicked,unsubscribed,bounced,complained", string secret = Secret) =>
        Store.AddSubscriberAsync(PortalId, new Uri(url), events.Split(','), secret, Clock.GetUtcNow(), TestContext.CurrentContext.CancellationToken);

    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public Task<long> LedgerAsync(string recipient, long contact, string state, long? replyCode = null) =>
        ScalarAsync("""
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, reply_code, created_at, updated_at)
            VALUES ('campaign:1', @Recipient, @Contact, @State, @Now, @Now, @Reply, @Now, @Now) RETURNING id
            """, new { Recipient = recipient, Contact = contact, State = state, Reply = replyCode, Now = UtcText.From(Clock.GetUtcNow()) });

    public Task SetLedgerStateAsync(long id, string state) =>
        ExecuteAsync("UPDATE send_ledger SET state = @State WHERE id = @Id", new { State = state, Id = id });

    public Task<long> HitAsync(long ledger, long contact, string kind, string? url = null, bool machine = false) =>
        ScalarAsync("""
            INSERT INTO engagement_hits (ledger_id, contact_id, kind, url, at, machine) VALUES (@Ledger, @Contact, @Kind, @Url, @Now, @Machine) RETURNING id
            """, new { Ledger = ledger, Contact = contact, Kind = kind, Url = url, Now = UtcText.From(Clock.GetUtcNow()), Machine = machine ? 1 : 0 });

    public Task<long> BounceAsync(long ledger, string recipient, string kind, string? status) =>
        ScalarAsync("""
            INSERT INTO bounce_events (ledger_id, recipient, kind, status, source, at) VALUES (@Ledger, @Recipient, @Kind, @Status, 'imap', @Now) RETURNING id
            """, new { Ledger = ledger, Recipient = recipient, Kind = kind, Status = status, Now = UtcText.From(Clock.GetUtcNow()) });

    public async Task<IReadOnlyList<(string EventId, string State, long Attempts)>> DeliveriesAsync()
    {
        await using var connection = await Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        var rows = await connection.QueryAsync<(string, string, long)>("SELECT event_id, state, attempts FROM webhook_deliveries ORDER BY id");
        return rows.ToList();
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: TestContext.CurrentContext.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<long> ScalarAsync(string sql, object parameters)
    {
        await using var connection = await Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: TestContext.CurrentContext.CancellationToken));
    }
}
