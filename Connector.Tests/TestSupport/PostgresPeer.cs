using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Connector.Tests.TestSupport;

/// <summary>
/// One private PostgreSQL server per test run (Debian's <c>postgresql</c>, from scripts/peers/install.sh): started on
/// first use by initdb and pg_ctl in a temp folder, on a free loopback port (<see cref="TestPorts"/>) with its unix
/// socket in that folder too, as the <c>postgres</c> user when the tests run as root (initdb and postgres refuse root).
/// Stopped by the pid in its postmaster.pid when the run ends (<see cref="PostgresPeerTeardown"/>, and at process
/// exit as a fallback). Each caller gets a brand-new empty database, so fixtures and tests never share data.
/// </summary>
internal static class PostgresPeer
{
    /// <summary>The superuser's password; host connections use scram-sha-256, so a wrong one is refused for real.</summary>
    public const string Password = "peer-secret-Pw1";

    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Server? _server;

    /// <summary>The running server's port (starts it); for tests that need a server address, not a database.</summary>
    public static async Task<int> PortAsync(CancellationToken cancellationToken) => (await StartedAsync(cancellationToken)).Port;

    /// <summary>Whether a process with this pid still runs (a zombie does not count).</summary>
    public static bool IsRunning(int pid) => Server.IsAlive(pid);

    /// <summary>The postmaster's pid while the server runs, else null.</summary>
    public static int? Pid => _server?.Pid;

    /// <summary>A connection string (Npgsql syntax, with the password) to a new empty database with a unique name.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var server = await StartedAsync(cancellationToken);
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return server.ConnectionString(name);
    }

    /// <summary>Stops the server (fast shutdown by pid, then SIGKILL if it outlives the bound) and removes its folder.</summary>
    public static void Stop()
    {
        Gate.Wait(StepLimit);
        try
        {
            if (_server is { } server)
            {
                _server = null;
                server.Stop();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Server> StartedAsync(CancellationToken cancellationToken)
    {
        if (_server is { } running)
        {
            return running;
        }

        if (!await Gate.WaitAsync(StepLimit, cancellationToken))
        {
            throw new TimeoutException("PostgresPeer: another test is still starting the server");
        }

        try
        {
            if (_server is null)
            {
                _server = await Server.StartAsync(cancellationToken);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            }

            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>One server process and its folder; <see cref="PostgresPeer"/> keeps one for the run, a test may start its own.</summary>
    internal sealed class Server
    {
        private const int SigInt = 2;
        private const int SigKill = 9;

        private Server(string folder, int port, int pid)
        {
            Folder = folder;
            Port = port;
            Pid = pid;
        }

        public string Folder { get; }

        public int Port { get; }

        public int Pid { get; }

        public static async Task<Server> StartAsync(CancellationToken cancellationToken)
        {
            var bin = BinFolder();
            var folder = Path.Combine(Path.GetTempPath(), "crm-esp-pg-" + Guid.NewGuid().ToString("N")[..12]);
            var data = Path.Combine(folder, "data");
            Directory.CreateDirectory(folder);
            var passwordFile = Path.Combine(folder, "pw");
            await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
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
            return new Server(folder, port, int.Parse(pidLine, CultureInfo.InvariantCulture));
        }

        public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Password = Password,
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
}
