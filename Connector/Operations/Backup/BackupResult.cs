namespace Connector.Operations.Backup;

/// <summary>
/// A backup's outcome: exit code 0 with the copy's row counts per table, or 2 (invalid arguments or configuration) /
/// 1 (run-time fault) with one line naming the path or key.
/// </summary>
public sealed record BackupResult(int ExitCode, string? Problem, IReadOnlyList<(string Table, long Rows)> Tables)
{
    public static BackupResult Fail(int exitCode, string problem) => new(exitCode, problem, []);
}
