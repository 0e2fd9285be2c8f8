using Connector.Tests.TestSupport;
using System.Diagnostics;

namespace Connector.Tests.Sending;

/// <summary>
/// Postfix's <c>smtp-sink</c> on a free loopback port, dumping every transaction to its own file; extra arguments pick
/// fault modes (<c>-f RCPT -B "550 5.1.1 …"</c>, <c>-p</c>, <c>-N</c>, …). Stopped by its pid.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static Task<SmtpSink> StartAsync(params string[] faults) => StartAsync(dump: true, faults);

    public static async Task<SmtpSink> StartAsync(bool dump, params string[] faults)
    {
        var folder = Directory.CreateTempSubdirectory("sink-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0x1FF);
        }

        var port = TestPorts.Free();
        var start = new ProcessStartInfo("smtp-sink") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("nobody");
        }

        if (dump)
        {
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(Path.Combine(folder, "m."));
        }
        foreach (var fault in faults)
        {
            start.ArgumentList.Add(fault);
        }

        start.ArgumentList.Add($"127.0.0.1:{port}");
        start.ArgumentList.Add("256");
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        await Peers.WaitForPortAsync(port, process);
        return new SmtpSink(process, port, folder);
    }

    /// <summary>The captured messages, CRLF line endings, oldest first; smtp-sink's own X-* envelope lines are kept.</summary>
    public async Task<IReadOnlyList<string>> WaitForMessagesAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var files = Directory.GetFiles(Folder, "m.*").OrderBy(File.GetLastWriteTimeUtc).ToArray();
            if (files.Length >= count || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                await Task.Delay(100);
                return files.Select(f => File.ReadAllText(f).ReplaceLineEndings("\r\n")).ToArray();
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
