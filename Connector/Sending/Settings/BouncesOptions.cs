namespace Connector.Sending.Settings;

/// <summary>Section <c>Bounces</c>: the VERP return-path domain (default <c>bounces.</c> + the From domain).</summary>
public sealed record BouncesOptions
{
    public const string Section = "Bounces";

    public string? Domain { get; init; }
}
