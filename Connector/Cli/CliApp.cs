using System.CommandLine;
using Connector.Web;

namespace Connector.Cli;

/// <summary>
/// The <c>crm-esp</c> command line: serve (default), sync, contacts/deals export, transitions, stages.
/// Configuration comes first and is validated before any verb runs (exit 2, one line naming the key).
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (verbArgs, configArgs) = ConfigArgs.Split(args);
        var configuration = ConnectorConfiguration.Build(configArgs);
        if (ConfigValidation.FirstProblem(configuration) is { } problem)
        {
            await Console.Error.WriteLineAsync($"crm-esp: invalid configuration: {problem}");
            return ConfigValidation.ExitCode;
        }

        var sandbox = new Option<bool>("--sandbox") { Description = "Use the built-in sandbox portal", Recursive = true };
        var serve = new Command("serve", "Run the web host and the sync jobs (default)");
        serve.SetAction((parse, ct) => ServeHost.RunAsync(configArgs, PortalChoice.From(configuration, parse.GetValue(sandbox)), ct));
        var root = new RootCommand("CrmEspBridge: a full ESP inside the CRM")
        {
            sandbox,
            serve,
            SyncCommand.Create(configuration, sandbox),
            ExportCommands.Contacts(configuration, sandbox),
            ExportCommands.Deals(configuration, sandbox),
            ReportCommands.Transitions(configuration, sandbox),
            ReportCommands.Stages(configuration, sandbox),
            SandboxCommands.Create(configuration),
            PortalCommands.Create(configuration, sandbox),
        };
        foreach (var command in SendingCommands.Create(configuration, sandbox))
        {
            root.Subcommands.Add(command);
        }

        root.SetAction((parse, ct) => ServeHost.RunAsync(configArgs, PortalChoice.From(configuration, parse.GetValue(sandbox)), ct));
        try
        {
            return await root.Parse(verbArgs).InvokeAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {ex.Message}");
            return 1;
        }
    }
}
