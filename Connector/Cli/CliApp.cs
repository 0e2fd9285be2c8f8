using System.CommandLine;
using Connector.Bounces;
using Connector.Host;
using Connector.Scenarios;
using Connector.Web;
using Connector.Webhooks;
using Microsoft.Extensions.Options;

namespace Connector.Cli;

/// <summary>
/// The <c>crm-esp</c> command line: serve (default), sync, contacts/deals export, transitions, stages, report, sending verbs.
/// Configuration comes first and is validated before any verb runs (exit 2, one line naming the key); a misspelled
/// key in a known section is warned about once. Expected run-time faults end with one line and exit 1, never a stack trace.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TimeProvider time, CancellationToken cancellationToken)
    {
        var (verbArgs, configArgs) = ConfigArgs.Split(args);
        var configuration = ConnectorConfiguration.Build(configArgs);
        if (ConfigValidation.FirstProblem(configuration) is { } problem)
        {
            await Console.Error.WriteLineAsync($"crm-esp: invalid configuration: {problem}");
            return ConfigValidation.ExitCode;
        }

        foreach (var warning in ConfigKeys.Unknown(configuration))
        {
            await Console.Error.WriteLineAsync($"crm-esp: warning: {warning}");
        }

        var sandbox = new Option<bool>("--sandbox") { Description = "Use the built-in sandbox portal", Recursive = true };
        var serve = new Command("serve", "Run the web host and the sync jobs (default)");
        serve.SetAction((parse, ct) => ServeHost.RunAsync(configArgs, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct));
        var root = new RootCommand("CrmEspBridge: a full ESP inside the CRM")
        {
            sandbox,
            serve,
            SyncCommand.Create(configuration, time, sandbox),
            ExportCommands.Contacts(configuration, time, sandbox),
            ExportCommands.Deals(configuration, time, sandbox),
            ReportCommands.Transitions(configuration, time, sandbox),
            ReportCommands.Stages(configuration, time, sandbox),
            ReportCommands.Report(configuration, time, sandbox),
            SandboxCommands.Create(configuration),
            PortalCommands.Create(configuration, time, sandbox),
            DomainCommands.Create(configuration, time),
            BounceCommands.Create(configuration, time, sandbox),
            WebhookCommands.Create(configuration, time, sandbox),
            ApiKeyCommands.Create(configuration, time, sandbox),
            TemplateCommands.Create(configuration, time, sandbox),
            ScenarioCommands.Create(configuration, time, sandbox),
            SegmentCommands.Create(configuration, time, sandbox),
            CampaignCommands.Create(configuration, time, sandbox),
            BackupCommand.Create(configuration),
            StoreCommands.Create(configuration, time),
        };
        foreach (var command in SendingCommands.Create(configuration, time, sandbox))
        {
            root.Subcommands.Add(command);
        }

        root.SetAction((parse, ct) => ServeHost.RunAsync(configArgs, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct));
        try
        {
            return await root.Parse(verbArgs).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"crm-esp: invalid configuration: {ex.Failures.FirstOrDefault() ?? ex.Message}");
            return ConfigValidation.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {ex.Message}");
            return 1;
        }
    }
}
