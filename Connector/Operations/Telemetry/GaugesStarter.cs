namespace Connector.Operations.Telemetry;

/// <summary>Creates the host's <see cref="ConnectorGauges"/> at start, so they are there before the first scrape or export.</summary>
internal sealed class GaugesStarter(ConnectorGauges gauges) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(gauges);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
