using Connector.Cli;

return await CliApp.RunAsync(args);

/// <summary>Entry point; the composition lives in Cli/CliApp.cs and Web/ServeHost.cs.</summary>
public partial class Program;
