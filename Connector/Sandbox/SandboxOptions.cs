namespace Connector.Sandbox;

/// <summary>
/// Settings of the built-in Bitrix24-compatible sandbox portal (config section <c>Sandbox</c>).
/// Costs are simulated seconds charged to the operating limit; nothing really sleeps.
/// </summary>
public sealed record SandboxOptions
{
    public const string SectionName = "Sandbox";

    public bool Enabled { get; init; }
    public int Seed { get; init; } = 42;
    public int Contacts { get; init; } = 1200;
    public int Deals { get; init; } = 400;
    public int WebhookUserId { get; init; } = 1;
    public string WebhookCode { get; init; } = "sandboxwebhook0000000000";

    // limits.md: Enterprise drains 5/s with burst 250, every other plan 2/s with burst 50.
    public bool Enterprise { get; init; }
    public bool RateLimitEnabled { get; init; } = true;
    public double OperatingLimitSeconds { get; init; } = 480;
    public double OperatingCostPerCallSeconds { get; init; } = 0.005;
    public double OperatingCostPerRowSeconds { get; init; } = 0.0002;
}
