using Connector.Cli;

// The composition root: the one place that chooses the real clock (RS0030 bans TimeProvider.System elsewhere).
#pragma warning disable RS0030
return await CliApp.RunAsync(args, TimeProvider.System, CancellationToken.None);
#pragma warning restore RS0030

/// <summary>Entry point; the composition lives in Host/ConnectorComposition.cs (used by Cli/CliHost.cs and Web/ServeHost.cs).</summary>
public partial class Program;
