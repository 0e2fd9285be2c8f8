namespace Connector.Host;

/// <summary><see cref="Serve"/>: the long-running web host (scheduler, event processor); <see cref="Cli"/>: one verb, then exit.</summary>
public enum ConnectorHostKind
{
    Serve,
    Cli,
}
