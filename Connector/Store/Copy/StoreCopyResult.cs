namespace Connector.Store.Copy;

/// <summary>
/// The outcome of <see cref="StoreCopy.RunAsync"/>: exit 0 with every table verified, or the exit code with one line
/// (2: the source, the target or the arguments; 1: a table that could not be copied or did not verify, named).
/// </summary>
public sealed record StoreCopyResult(int ExitCode, string? Problem, string Target, int SchemaVersion, IReadOnlyList<TableCopyLine> Tables)
{
    public static StoreCopyResult Fail(int exitCode, string problem, IReadOnlyList<TableCopyLine>? tables = null) =>
        new(exitCode, problem, "", 0, tables ?? []);
}
