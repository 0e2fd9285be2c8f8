namespace Connector.Sending.Settings;

/// <summary>Section <c>Tracking</c>: the public base URL of the tracking links and the token key (a secret: never logged).</summary>
public sealed record TrackingOptions
{
    public const string Section = "Tracking";

    public string? BaseUrl { get; init; }

    public string? SigningKey { get; init; }

    /// <summary><c>Tracking:Opens</c> (default true): the open pixel; a portal's own switch (Settings) wins for its mail.</summary>
    public bool? Opens { get; init; }

    /// <summary><c>Tracking:Clicks</c> (default true): links rewritten through <c>/t/c/</c>; a portal's own switch wins for its mail.</summary>
    public bool? Clicks { get; init; }
}
