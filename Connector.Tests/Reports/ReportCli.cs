using Connector.Cli;

namespace Connector.Tests.Reports;

/// <summary>Runs <see cref="CliApp"/> on a given store file, capturing stdout and stderr.</summary>
internal static class ReportCli
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(string storePath, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CliApp.RunAsync([.. args, $"--Store:Path={storePath}"], TimeProvider.System, TestContext.CurrentContext.CancellationToken);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
