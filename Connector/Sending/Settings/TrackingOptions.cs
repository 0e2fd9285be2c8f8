namespace Connector.Sending.Settings;

/// <summary>Section <c>Tracking</c>: the public base URL of the tracking links and the token key (a secret: never logged).</summary>
public sealed record TrackingOptions
{
    public const string Section = "Tracking";

    public string? BaseUrl { get; init; }

    public string? SigningKey { get; init; }
}
