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
    private static PostgresServer? _server;

    /// <summary>The running server's port (starts it); for tests that need a server address, not a database.</summary>
    public static async Task<int> PortAsync(CancellationToken cancellationToken) => (await StartedAsync(cancellationToken)).Port;

    /// <summary>Whether a process with this pid still runs (a zombie does not count).</summary>
    public static bool IsRunning(int pid) => PostgresServer.IsAlive(pid);

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
        // Bounded: a start stuck past the bound does not keep the server from being stopped at the end of the run.
        var held = Gate.Wait(StepLimit);
        try
        {
            if (Interlocked.Exchange(ref _server, null) is { } server)
            {
                server.Stop();
            }
        }
        finally
        {
            if (held)
            {
                Gate.Release();
            }
        }
    }

    private static async Task<PostgresServer> StartedAsync(CancellationToken cancellationToken)
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
                _server = await PostgresServer.StartAsync(cancellationToken);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            }

            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }
}
