using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Connector.Tests.TestSupport;

/// <summary>
/// <c>crm-esp serve</c> (and CLI verbs) as child processes on a store file in a temp folder of their own, for the tests
/// that kill and restart them: serve's output goes to <c>serve.log</c> there, each wait is bounded and fails with the
/// log's tail, and <see cref="Dispose"/> kills every child still running by its pid and deletes the folder.
/// </summary>
internal sealed class ServeChildren : IDisposable
{
    private readonly List<Process> _children = [];

    public ServeChildren(string prefix) => Folder = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Folder { get; }

    public string StorePath => Path.Combine(Folder, "crm-esp.db");

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "crm-esp.dll");

    private string Log => Path.Combine(Folder, "serve.log");

    /// <summary><c>crm-esp serve</c> with these arguments (and environment variables), appending to serve.log.</summary>
    public Process Serve(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = string.Join(' ', new[] { "exec", "dotnet", Dll, "serve" }.Concat(arguments).Select(Quote)) + $" >>{Quote(Log)} 2>&1";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Folder };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        return Adopt(Process.Start(start)!);
    }

    /// <summary>Killed on dispose unless <see cref="Release"/>d first.</summary>
    public Process Adopt(Process process)
    {
        _children.Add(process);
        return process;
    }

    public void Release(Process process) => _children.Remove(process);

    public async Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, Process child, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (child.HasExited || clock.Elapsed > limit)
            {
                var log = File.Exists(Log) ? await File.ReadAllTextAsync(Log, cancellationToken) : "";
                Assert.Fail($"serve {(child.HasExited ? $"exited ({child.ExitCode})" : "did not get there in time")}; its log:\n{log[Math.Max(0, log.Length - 4000)..]}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>A count read from the store file (0 while the file does not exist yet).</summary>
    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken, object? parameters = null)
    {
        if (!File.Exists(StorePath))
        {
            return 0;
        }

        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken))).ToList();
    }

    public void Dispose()
    {
        foreach (var child in _children)
        {
            try
            {
                if (!child.HasExited)
                {
                    child.Kill();
                    child.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            child.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
