using System.Diagnostics;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;

namespace Connector.Tests.Domains;

/// <summary>
/// dnsmasq (<c>dnsmasq-base</c>, installed by scripts/peers/install.sh) answering a test zone on a free loopback port,
/// UDP and TCP, with no upstream: names under <c>local=</c> domains that the zone does not hold are NXDOMAIN. Started
/// in the foreground and stopped by its pid.
/// </summary>
internal sealed class Dnsmasq : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private Dnsmasq(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        _folder = folder;
    }

    public int Port { get; }

    public string Server => $"127.0.0.1:{Port}";

    public static async Task<Dnsmasq> StartAsync(IEnumerable<string> zone)
    {
        var folder = Directory.CreateTempSubdirectory("dnsmasq-").FullName;
        var port = TestPorts.Free();
        var conf = Path.Combine(folder, "zone.conf");
        await File.WriteAllLinesAsync(conf, [$"port={port}", "listen-address=127.0.0.1", "bind-interfaces", "no-resolv", "no-hosts", "no-poll", "no-negcache", .. zone]);
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/dnsmasq") ? "/usr/sbin/dnsmasq" : "dnsmasq")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "--keep-in-foreground", $"--conf-file={conf}", "--pid-file=", "--log-facility=-" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            await Peers.WaitForPortAsync(port, process);
        }
        catch
        {
            process.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new Dnsmasq(process, port, folder);
    }

    /// <summary>A TXT record as dnsmasq's <c>txt-record</c> wants it: character-strings of at most 255 bytes (RFC 1035 §3.3).</summary>
    public static string Txt(string name, string value) =>
        $"txt-record={name}," + string.Join(',', value.Chunk(255).Select(c => $"\"{new string(c)}\""));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
