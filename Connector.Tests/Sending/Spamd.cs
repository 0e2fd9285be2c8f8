using Connector.Tests.TestSupport;
using System.Diagnostics;

namespace Connector.Tests.Sending;

/// <summary>SpamAssassin's spamd (local rules only, no user config) on a free loopback port, stopped by its pid.</summary>
internal sealed class Spamd : IAsyncDisposable
{
    private readonly Process _process;

    private Spamd(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Spamd> StartAsync()
    {
        var port = TestPorts.Free();
        var start = new ProcessStartInfo("spamd") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "--local", "--nouser-config", $"--listen=127.0.0.1:{port}", "--max-children=1" })
        {
            start.ArgumentList.Add(argument);
        }

        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("debian-spamd");
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        await Peers.WaitForPortAsync(port, process);
        return new Spamd(process, port);
    }

    /// <summary><c>spamc -x -R</c>: fails (exit 69) instead of passing when spamd is unreachable.</summary>
    public async Task<(int ExitCode, double Score, string Report)> CheckAsync(string message)
    {
        var (code, output) = await Peers.RunAsync("spamc", ["-x", "-d", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-R"], message);
        var first = output.Split('\n')[0];
        var score = double.TryParse(first.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : double.NaN;
        return (code, score, output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
