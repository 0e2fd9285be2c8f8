using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Connector.Tests.TestSupport;

/// <summary>
/// One PostgreSQL server process and its temp folder (data, unix socket, log), on a free loopback port, run as the
/// postgres user when the tests run as root; stopped by the pid in postmaster.pid. <see cref="PostgresPeer"/> keeps one
/// for the run; a test may start its own.
/// </summary>
internal sealed class PostgresServer
{
    private const int SigInt = 2;
    private const int SigKill = 9;

    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(60);

    private PostgresServer(string folder, int port, int pid)
    {
        Folder = folder;
        Port = port;
        Pid = pid;
    }

    public string Folder { get; }

    public int Port { get; }

    public int Pid { get; }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var bin = BinFolder();
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        var passwordFile = Path.Combine(folder, "pw");
        await File.WriteAllTextAsync(passwordFile, PostgresPeer.Password, cancellationToken);
        if (AsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder], cancellationToken);
        }

        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
            cancellationToken);
        var port = TestPorts.Free();
        var settings = string.Create(CultureInfo.InvariantCulture,
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(folder, "postgres.log"), "-o", settings], cancellationToken);
        var pidLine = (await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid"), cancellationToken))[0];
        return new PostgresServer(folder, port, int.Parse(pidLine, CultureInfo.InvariantCulture));
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = PostgresPeer.Password,
        Database = database,
        Timeout = 15,
        CommandTimeout = 60,
    }.ToString();

    public void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        if (IsAlive(Pid))
        {
            _ = Kill(Pid, SigInt);
            var deadline = Stopwatch.StartNew();
            while (IsAlive(Pid) && deadline.Elapsed < StepLimit)
            {
                Thread.Sleep(50);
            }

            if (IsAlive(Pid))
            {
                _ = Kill(Pid, SigKill);
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 && !IsZombie(pid);

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool AsRoot => Environment.IsPrivilegedProcess;

    private static string BinFolder() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault() ?? throw NotInstalled()
            : throw NotInstalled();

    private static InvalidOperationException NotInstalled() =>
        new("PostgresPeer: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/peers/install.sh");

    /// <summary>Runs a tool (as postgres when root), bounded; a non-zero exit throws with its output.</summary>
    private static async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var asPostgres = AsRoot && file != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"PostgresPeer: cannot start {file}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(StepLimit);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"PostgresPeer: {Path.GetFileName(file)} did not finish within {StepLimit}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgresPeer: {Path.GetFileName(file)} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
