using Connector.Cli;

namespace Connector.Tests.Cli;

/// <summary>Runs <see cref="CliApp"/> against a store in <paramref name="folder"/>, capturing stdout and stderr.</summary>
internal static class CliRun
{
    public static Task<(int Code, string Output, string Error)> RunAsync(string folder, params string[] args) =>
        CaptureAsync([.. args, $"--Store:Path={Path.Combine(folder, "m.db")}", "--Bitrix24:Client:RetryBaseDelay=00:00:00.010"]);

    /// <summary>Runs <see cref="CliApp"/> with exactly these arguments, capturing stdout and stderr.</summary>
    public static async Task<(int Code, string Output, string Error)> CaptureAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CliApp.RunAsync(args, TimeProvider.System, TestContext.CurrentContext.CancellationToken);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
