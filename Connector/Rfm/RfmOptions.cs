namespace Connector.Rfm;

/// <summary>
/// <c>Rfm:*</c>: <c>Enabled</c> (default true) adds the refresh job to serve's scheduler, which recomputes every
/// portal's scores every <c>IntervalMinutes</c> (default 60; first run at start).
/// </summary>
public sealed record RfmOptions
{
    public const string Section = "Rfm";

    public bool Enabled { get; init; } = true;

    public int IntervalMinutes { get; init; } = 60;
}
