namespace Connector.Operations.Telemetry;

/// <summary>
/// <c>Metrics:Enabled</c> maps the Prometheus scrape endpoint <c>/metrics</c> (default off); <c>Metrics:Token</c> is
/// the bearer token a scraper presents (required when enabled, at least <see cref="MinTokenLength"/> characters).
/// </summary>
public sealed record MetricsOptions
{
    public const string Section = "Metrics";
    public const string Route = "/metrics";
    public const int MinTokenLength = 16;

    public bool Enabled { get; init; }

    public string? Token { get; init; }
}
