using Connector.Api;
using Connector.Host;
using Connector.Store;
using Connector.Tests.Crm.Bitrix24;
using Connector.Tests.Crm.Bitrix24.App;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;
using Connector.Web.UiSession;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Api;

/// <summary>
/// The REST API as <c>serve</c> composes it (AddConnector + MapApi) on a real Kestrel port, the store in a temporary
/// folder; two mirrored portals (A and B) and rows seeded straight into the store. Every log line is captured.
/// </summary>
internal sealed class ApiRig : IAsyncDisposable
{
    public const string PortalA = "a.bitrix24.test";
    public const string PortalB = "b.bitrix24.test";

    private readonly string _folder;
    private readonly bool _ownsFolder;
    private readonly SendingRig? _keys;
    private readonly string _keyFolder;
    private WebApplication? _app;

    private ApiRig(string? folder, string? keyFolder)
    {
        _ownsFolder = folder is null;
        _folder = folder ?? Directory.CreateTempSubdirectory("crm-esp-api-").FullName;
        _keys = keyFolder is null ? new SendingRig() : null;
        _keyFolder = keyFolder ?? _keys!.KeyFolder;
    }

    /// <summary>The store's folder (another rig started on it is serve after a restart).</summary>
    public string Folder => _folder;

    /// <summary>The DKIM keys and token key (shared by a rig started on the same folder).</summary>
    public string KeyFolder => _keyFolder;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public string StorePath => Path.Combine(_folder, "crm-esp.db");

    public IReadOnlyList<string> ErrorsWithExceptions => Logs.Lines.Where(l => (l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
        && l.Contains("Exception", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// A rig on a new store, or on <paramref name="folder"/> and <paramref name="keyFolder"/> of a stopped one (left in
    /// place at dispose); <paramref name="extra"/> overrides settings (the relay: <c>Smtp:Port</c>; <c>Sending:Runner:Enabled</c>).
    /// </summary>
    public static async Task<ApiRig> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? extra = null, string? folder = null, string? keyFolder = null)
    {
        var rig = new ApiRig(folder, keyFolder);
        rig.Url = new Uri($"http://127.0.0.1:{TestPorts.Free()}/");
        var settings = AppRigSettings.Build(rig._folder, "local.test0000000000000.00000000", "secret", "http://127.0.0.1:9/", "https://connector.example/",
            new Dictionary<string, string?>
            {
                ["Store:Path"] = rig.StorePath,
                ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "9", ["Smtp:Security"] = "None",
                ["Sender:FromAddress"] = "news@example.com", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow", ["Dkim:Domain"] = "example.com",
                ["Dkim:KeyFolder"] = rig._keyFolder, ["Tracking:BaseUrl"] = rig.Url.AbsoluteUri.TrimEnd('/'), ["Bounces:Domain"] = "bounces.example.com",
                ["Sync:JobsEnabled"] = "false",
            });

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        if (extra is not null)
        {
            builder.Configuration.AddInMemoryCollection(extra);
        }

        builder.WebHost.UseUrls(rig.Url.AbsoluteUri.TrimEnd('/'));
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(rig.Logs);
        builder.Services.AddConnector(builder.Configuration, new PortalChoice(null, SandboxForced: false, AppConfigured: true), TimeProvider.System, ConnectorHostKind.Serve);
        var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        app.MapApi();
        app.MapUiApi();
        Connector.Web.HealthEndpoints.MapHealth(app);
        Connector.Operations.Telemetry.MetricsEndpoint.MapMetrics(app);
        await app.StartAsync(cancellationToken);
        rig._app = app;
        await rig.ExecuteAsync("""
            INSERT OR IGNORE INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES
              (1, @A, @A, 'webhook', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
              (2, @B, @B, 'webhook', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
            """, new { A = PortalA, B = PortalB });
        return rig;
    }

    /// <summary>A session token of the pages for <paramref name="portalId"/>'s user 1 (an admin unless told otherwise; the app page unless a tab is named).</summary>
    public string UiToken(long portalId, bool isAdmin = true, UiPlacement placement = UiPlacement.App, long? entityId = null, string language = "en") =>
        _app!.Services.GetRequiredService<UiSessionTokens>().Issue(new UiCaller(
            portalId, portalId == 1 ? PortalA : PortalB, 1, isAdmin, language, placement, entityId, DateTimeOffset.UtcNow.AddMinutes(30))).Token;

    /// <summary>A send key of the portal with one sent message to the contact (deal optional).</summary>
    public Task SeedMessageAsync(long portalId, string sendKey, long contactId, string recipient, long? dealId = null) => ExecuteAsync("""
        INSERT OR IGNORE INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at) VALUES (@Key, @Portal, 'november-sale', 'Campaign', @Deal, '2026-01-01T00:00:00Z');
        INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, sender_domain)
        VALUES (@Key, @Recipient, @Contact, 'sent', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'example.com');
        """, new { Key = sendKey, Portal = portalId, Deal = dealId, Contact = contactId, Recipient = recipient });

    /// <summary>A mirrored contact of the portal (its e-mails in order, valid or not; custom fields as code → values).</summary>
    public async Task SeedContactAsync(long portalId, long contactId, string name, string? lastName, IReadOnlyList<(string Address, bool Valid)> emails,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? fields = null, bool deleted = false)
    {
        await ExecuteAsync("""
            INSERT INTO contacts (portal_id, crm_id, name, last_name, deleted, synced_at, custom_fields)
            VALUES (@Portal, @Id, @Name, @LastName, @Deleted, '2026-01-01T00:00:00Z', @Fields)
            """, new { Portal = portalId, Id = contactId, Name = name, LastName = lastName, Deleted = deleted ? 1 : 0, Fields = fields is null ? null : Connector.Store.CustomFieldsJson.Write(fields) });
        for (var i = 0; i < emails.Count; i++)
        {
            await ExecuteAsync("""
                INSERT INTO contact_emails (portal_id, contact_id, position, raw_value, address, is_valid) VALUES (@Portal, @Id, @Position, @Address, @Address, @Valid)
                """, new { Portal = portalId, Id = contactId, Position = i, emails[i].Address, Valid = emails[i].Valid ? 1 : 0 });
        }
    }

    /// <summary>A mirrored deal of the portal on the given contacts.</summary>
    public async Task SeedDealAsync(long portalId, long dealId, string title, params long[] contactIds)
    {
        await ExecuteAsync("""
            INSERT INTO deals (portal_id, crm_id, title, stage_id, pipeline_id, amount, currency, synced_at) VALUES (@Portal, @Id, @Title, 'NEW', 0, '1500.5', 'RUB', '2026-01-01T00:00:00Z')
            """, new { Portal = portalId, Id = dealId, Title = title });
        for (var i = 0; i < contactIds.Length; i++)
        {
            await ExecuteAsync("INSERT INTO deal_contacts (portal_id, deal_id, contact_id, position) VALUES (@Portal, @Deal, @Contact, @Position)",
                new { Portal = portalId, Deal = dealId, Contact = contactIds[i], Position = i });
        }
    }

    /// <summary>Saves a template into the store as <c>crm-esp template save</c> would (compiled first; errors fail the test).</summary>
    public async Task SaveTemplateAsync(Connector.Templates.TemplateFile template)
    {
        var errors = await Services.GetRequiredService<Connector.Templates.TemplateStore>().SaveAsync(template, TestContext.CurrentContext.CancellationToken);
        Assert.That(errors, Is.Empty, string.Join("; ", errors));
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    /// <summary>A mirrored contact of the portal with one e-mail.</summary>
    public Task SeedContactEmailAsync(long portalId, long contactId, string address) => ExecuteAsync("""
        INSERT INTO contacts (portal_id, crm_id, name, synced_at) VALUES (@Portal, @Contact, 'Zed', '2026-01-01T00:00:00Z');
        INSERT INTO contact_emails (portal_id, contact_id, position, raw_value, address, value_type, is_valid) VALUES (@Portal, @Contact, 0, @Address, @Address, 'WORK', 1);
        """, new { Portal = portalId, Contact = contactId, Address = address });

    public Task<(string Id, string Key)> CreateKeyAsync(long portalId) =>
        Services.GetRequiredService<ApiKeyStore>().CreateAsync(portalId, TestContext.CurrentContext.CancellationToken);

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Url };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.CurrentContext.CancellationToken);
            await _app.DisposeAsync();
        }

        _keys?.Dispose();
        SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
