using Connector.Campaigns.Broadcasts;
using Connector.Campaigns.Experiments;
using Connector.Host;
using Connector.Store;
using Connector.Templates;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>
/// The connector as a CLI host composes it over a fresh store, on a fake clock (2026-12-04 02:00 UTC): portal 1, the
/// stored template <c>news</c>, contacts seeded by the test (<see cref="SeedContactsAsync"/>: contact N is
/// cN@example.org; zones in UF_TZ).
/// </summary>
internal sealed class CampaignRig : IAsyncDisposable
{
    public const string Template = "news";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crm-esp-campaigns-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _services!;

    public string StorePath => Path.Combine(_folder, "crm-esp.db");

    public CampaignRunner Runner => Services.GetRequiredService<CampaignRunner>();

    public CampaignStore Store => Services.GetRequiredService<CampaignStore>();

    public static async Task<CampaignRig> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var rig = new CampaignRig();
        Directory.CreateDirectory(rig._folder);
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = rig.StorePath, ["Sync:JobsEnabled"] = "false", ["Scenarios:TimeZoneField"] = "UF_TZ", ["Scenarios:DefaultTimeZone"] = "UTC",
            ["Sender:FromAddress"] = "news@example.com", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(new ThompsonAllocator(new Random(20261204)));
        services.AddConnector(configuration, new PortalChoice(null, SandboxForced: false, AppConfigured: false), rig.Time, ConnectorHostKind.Cli);
        rig._services = services.BuildServiceProvider();
        await rig.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        await rig.ExecuteAsync("INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES (1, 'a.bitrix24.test', 'a.bitrix24.test', 'webhook', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
        var errors = await rig.Services.GetRequiredService<TemplateStore>().SaveAsync(new TemplateFile
        {
            Name = Template, Subject = "News for {{ contact.name }}", Html = "<p>Hello {{ contact.name }}</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
        }, cancellationToken);
        Assert.That(errors, Is.Empty);
        return rig;
    }

    /// <summary>Contacts <paramref name="first"/>…, each cN@example.org, named "VIP" when <paramref name="vip"/>, with a zone when given.</summary>
    public async Task SeedContactsAsync(long first, int count, string name = "Reader", string? zone = null)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var fields = zone is null ? null : CustomFieldsJson.Write(new Dictionary<string, IReadOnlyList<string>> { ["UF_TZ"] = [zone] });
        for (var id = first; id < first + count; id++)
        {
            await connection.ExecuteAsync("INSERT INTO contacts (portal_id, crm_id, name, deleted, synced_at, custom_fields) VALUES (1, @Id, @Name, 0, '2026-01-01T00:00:00Z', @Fields)",
                new { Id = id, Name = name, Fields = fields }, transaction);
            await connection.ExecuteAsync("INSERT INTO contact_emails (portal_id, contact_id, position, raw_value, address, is_valid) VALUES (1, @Id, 0, @A, @A, 1)",
                new { Id = id, A = $"c{id}@example.org" }, transaction);
        }

        await transaction.CommitAsync();
    }

    public async Task<long> CreateAsync(CampaignSpec spec, CancellationToken cancellationToken)
    {
        var (draft, problems) = await Services.GetRequiredService<CampaignValidator>().ValidateAsync(spec, 1, cancellationToken);
        Assert.That(problems, Is.Empty, string.Join("; ", problems));
        return await Store.CreateAsync(draft!, cancellationToken);
    }

    /// <summary>Marks the campaign's queued rows as sent (as the runner would), and adds a human open for those <paramref name="opens"/> picks.</summary>
    public async Task DeliverAsync(long campaignId, Func<string, long, bool> opens, string kind = "open")
    {
        await using var connection = await OpenAsync();
        var rows = (await connection.QueryAsync<(long Id, long Contact, string Variant)>("""
            SELECT l.id, l.contact_id, COALESCE(r.variant, '') FROM campaign_recipients r JOIN send_ledger l ON l.id = r.ledger_id
            WHERE r.campaign_id = @Id AND l.state = 'queued'
            """, new { Id = campaignId })).ToList();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (id, contact, variant) in rows)
        {
            await connection.ExecuteAsync("UPDATE send_ledger SET state = 'sent', updated_at = @Now WHERE id = @Id", new { Id = id, Now = UtcText.From(Time.GetUtcNow()) }, transaction);
            if (opens(variant, contact))
            {
                await connection.ExecuteAsync("INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES (@Id, @Contact, @Kind, @At, 0)",
                    new { Id = id, Contact = contact, Kind = kind, At = UtcText.From(Time.GetUtcNow()) }, transaction);
            }
        }

        await transaction.CommitAsync();
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
