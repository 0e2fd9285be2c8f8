using Connector.Tests.TestSupport;
using Connector.Host;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Install;
using Connector.Crm.Bitrix24.Portals;
using Connector.Store;
using Connector.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>
/// The connector's inbound web surface as ServeHost composes it (store, client, app endpoints, install rate limit) on a
/// real Kestrel port, with every log line captured; raw-socket helpers send the bodies an HttpClient would not.
/// Stopping takes the test's token, so a host stuck at shutdown is cut off when the test's [CancelAfter] fires.
/// </summary>
internal sealed class InboundRig : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public static async Task<InboundRig> StartAsync(IDictionary<string, string?>? extra, CancellationToken cancellationToken)
    {
        var rig = new InboundRig();
        var port = TestPorts.Free();
        rig.Url = new Uri($"http://127.0.0.1:{port}/");
        // Nobody listens on the OAuth server's port: an install's token check fails at once (401) without leaving the machine.
        var settings = AppRigSettings.Build(rig._folder, "local.test0000000000000.00000000", "secret", "http://127.0.0.1:9/", "https://connector.example/", extra);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(rig.Url.AbsoluteUri.TrimEnd('/'));
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(rig.Logs);
        builder.Services.AddConnector(builder.Configuration, PortalChoice.From(builder.Configuration, sandboxFlag: false), TimeProvider.System, ConnectorHostKind.Serve);
        builder.Services.AddBitrix24InstallRateLimit();
        var app = builder.Build();
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        app.UseBitrix24InstallRateLimit();
        app.MapBitrix24App();
        await app.StartAsync(cancellationToken);
        rig._app = app;
        return rig;
    }

    /// <summary>Log lines at Error or above that carry an exception (an unhandled one, a 500's stack trace).</summary>
    public IReadOnlyList<string> ErrorsWithExceptions => Logs.Lines.Where(l => (l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
        && l.Contains("Exception", StringComparison.Ordinal)).ToList();

    /// <summary>Sends raw bytes (head, then body parts) and returns the status code of the answer (0 when the server closed without one).</summary>
    public async Task<int> SendRawAsync(string head, IEnumerable<byte[]> body, bool halfClose, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Url.Port, cancellationToken);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
            foreach (var part in body)
            {
                await stream.WriteAsync(part, cancellationToken);
            }

            if (halfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
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
            while (read < buffer.Length && !Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n", StringComparison.Ordinal))
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

        var line = Encoding.ASCII.GetString(buffer, 0, read);
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), out var status) ? status : 0;
    }

    public string Head(string path, string contentType, long? contentLength, bool chunked) =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{Url.Port}\r\nContent-Type: {contentType}\r\n"
        + (contentLength is { } length ? $"Content-Length: {length}\r\n" : "")
        + (chunked ? "Transfer-Encoding: chunked\r\n" : "")
        + "Connection: close\r\n\r\n";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.CurrentContext.CancellationToken);
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
