using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Connector.Host;
using Connector.Store;
using Connector.Tests.Crm.Bitrix24;
using Connector.Tests.Crm.Bitrix24.App;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;
using Connector.Tracking;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Connector.Tests.Tracking;

/// <summary>
/// The tracking endpoints as <c>serve</c> composes them (AddConnector + MapTracking) on a real Kestrel port, with the
/// store, DKIM and token keys in a temporary folder and <c>Tracking:BaseUrl</c> pointing at this very host; messages
/// go out through the real <c>send-campaign</c> path into Postfix's smtp-sink, and the captured messages are parsed
/// back for their pixel, links and List-Unsubscribe URL. Every log line is captured.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed partial class TrackingRig : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-esp-tracking-").FullName;
    private readonly SendingRig _keys = new();
    private WebApplication? _app;
    private SmtpSink? _sink;
    private Dictionary<string, string?> _settings = [];

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _app!.Services;

    /// <summary>The codec with the rig's token key (to read what a link is signed for, or to sign a test token).</summary>
    public Connector.Sending.Tokens.TokenCodec Tokens => _keys.Tokens;

    public string StorePath => Path.Combine(_folder, "crm-esp.db");

    /// <summary>Log lines at Error or above that carry an exception (an unhandled one, a 500's stack trace).</summary>
    public IReadOnlyList<string> ErrorsWithExceptions => Logs.Lines.Where(l => (l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
        && l.Contains("Exception", StringComparison.Ordinal)).ToList();

    public static async Task<TrackingRig> StartAsync(IDictionary<string, string?>? extra, CancellationToken cancellationToken)
    {
        var rig = new TrackingRig();
        rig._sink = await SmtpSink.StartAsync();
        rig.Url = new Uri($"http://127.0.0.1:{TestPorts.Free()}/");
        rig._settings = AppRigSettings.Build(rig._folder, "local.test0000000000000.00000000", "secret", "http://127.0.0.1:9/", "https://connector.example/",
            new Dictionary<string, string?>
            {
                ["Store:Path"] = rig.StorePath,
                ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = rig._sink.Port.ToString(CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
                ["Sender:FromAddress"] = "news@example.com", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow", ["Dkim:Domain"] = "example.com",
                ["Dkim:KeyFolder"] = rig._keys.KeyFolder, ["Tracking:BaseUrl"] = rig.Url.AbsoluteUri.TrimEnd('/'), ["Bounces:Domain"] = "bounces.example.com",
                ["Sync:JobsEnabled"] = "false",
            }, extra);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(rig._settings);
        builder.WebHost.UseUrls(rig.Url.AbsoluteUri.TrimEnd('/'));
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(rig.Logs);
        builder.Services.AddConnector(builder.Configuration, new PortalChoice(null, SandboxForced: false, AppConfigured: true), TimeProvider.System, ConnectorHostKind.Serve);
        var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        Connector.Web.TrustedProxies.UseTrustedProxies(app);
        app.MapTracking();
        await app.StartAsync(cancellationToken);
        rig._app = app;
        return rig;
    }

    /// <summary>Sends the shipped november-sale template to the addresses through <c>send-campaign</c>; the captured messages, one per address.</summary>
    public async Task<IReadOnlyList<MimeMessage>> SendAsync(string key, params string[] addresses)
    {
        var recipients = Path.Combine(_folder, $"recipients-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(recipients, addresses);
        var before = Directory.GetFiles(_sink!.Folder, "m.*").Length;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var (code, output) = await SendingCommandsTests.InvokeAsync(configuration, "send-campaign", "--template",
            Path.Combine(Peers.RepoRoot, "manifests", "templates", "november-sale.json"), "--recipients", recipients, "--key", key);
        Assert.That(code, Is.Zero, output);
        var captured = await _sink.WaitForMessagesAsync(before + addresses.Length);
        return captured.Skip(before).Select(text => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)))).ToList();
    }

    /// <summary>The open pixel's URL in the message's HTML part.</summary>
    public static Uri Pixel(MimeMessage message) => TrackedUrls(message).Single(u => u.AbsolutePath.StartsWith("/t/o/", StringComparison.Ordinal));

    /// <summary>The tracked links (<c>/t/c/</c>) of the HTML part, in order.</summary>
    public static IReadOnlyList<Uri> Links(MimeMessage message) => TrackedUrls(message).Where(u => u.AbsolutePath.StartsWith("/t/c/", StringComparison.Ordinal)).Distinct().ToList();

    /// <summary>The https URL of the message's List-Unsubscribe header.</summary>
    public static Uri OneClick(MimeMessage message) => new(ListUnsubscribe().Match(message.Headers[HeaderId.ListUnsubscribe] ?? "").Groups[1].Value);

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Url };

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    /// <summary>Sends raw bytes (head, then body parts) and returns the status code of the answer (0 when the server closed without one).</summary>
    public async Task<int> SendRawAsync(string path, string contentType, long? contentLength, bool chunked, IEnumerable<byte[]> body, CancellationToken cancellationToken)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Url.Port, cancellationToken);
        var stream = client.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{Url.Port}\r\nContent-Type: {contentType}\r\n"
            + (contentLength is { } length ? $"Content-Length: {length}\r\n" : "") + (chunked ? "Transfer-Encoding: chunked\r\n" : "") + "Connection: close\r\n\r\n";
        try
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), cancellationToken);
            foreach (var part in body)
            {
                await stream.WriteAsync(part, cancellationToken);
            }
        }
        catch (IOException)
        {
            // The server may answer and close before it has read all we send (413): read what it said.
        }

        var buffer = new byte[4096];
        var read = 0;
        try
        {
            while (read < 12)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }
        catch (IOException)
        {
            // Reset after the answer: what was read stands.
        }

        var line = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), out var status) ? status : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.CurrentContext.CancellationToken);
            await _app.DisposeAsync();
        }

        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        _keys.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static IEnumerable<Uri> TrackedUrls(MimeMessage message) =>
        Attribute().Matches(message.HtmlBody ?? "").Select(m => new Uri(WebUtility.HtmlDecode(m.Groups[1].Value)));

    [GeneratedRegex("(?:src|href)=\"(http://127\\.0\\.0\\.1:\\d+/t/[ocu]/[^\"]+)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("<(https?://[^>]+)>")]
    private static partial Regex ListUnsubscribe();
}
