using Connector.Tests.Cli;

namespace Connector.Tests.Reports;

/// <summary>Runs the CLI on a given store file, capturing stdout and stderr (<see cref="CliRun.CaptureAsync"/>).</summary>
internal static class ReportCli
{
    public static Task<(int Code, string Output, string Error)> RunAsync(string storePath, params string[] args) =>
        CliRun.CaptureAsync([.. args, $"--Store:Path={storePath}"]);
}
