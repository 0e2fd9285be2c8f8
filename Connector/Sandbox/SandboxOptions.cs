using System.Globalization;

namespace Connector.Sandbox;

/// <summary>
/// Settings of the built-in Bitrix24-compatible sandbox portal (config section <c>Sandbox</c>).
/// Costs are simulated seconds charged to the operating limit; nothing really sleeps.
/// </summary>
public sealed record SandboxOptions
{
    public const string SectionName = "Sandbox";

    private readonly string? _memberId;

    public bool Enabled { get; init; }

    /// <summary><c>false</c>: serve the sandbox only as a peer for another process (benchmarks); it does not install the app.</summary>
    public bool InstallApp { get; init; } = true;
    public int Seed { get; init; } = 42;
    public int Contacts { get; init; } = 1200;
    public int Deals { get; init; } = 400;

    /// <summary>
    /// <c>true</c>: every seeded e-mail carries its contact's ID in the local part (<c>anna.ivanova.1234@…</c>), so a
    /// million contacts have a million distinct addresses (scale benchmarks); by default names repeat as in a real CRM.
    /// </summary>
    public bool DistinctEmails { get; init; }
    public int WebhookUserId { get; init; } = 1;
    public string WebhookCode { get; init; } = "sandboxwebhook0000000000";

    // limits.md: Enterprise drains 5/s with burst 250, every other plan 2/s with burst 50.
    public bool Enterprise { get; init; }
    public bool RateLimitEnabled { get; init; } = true;
    public double OperatingLimitSeconds { get; init; } = 480;
    public double OperatingCostPerCallSeconds { get; init; } = 0.005;
    public double OperatingCostPerRowSeconds { get; init; } = 0.0002;

    // The app side (settings/oauth/index.md): member_id is the portal's permanent 32-hex id, derived from Seed
    // unless set; client_id has the local-app shape local.xxxxxxxxxxxxxx.xxxxxxxx.
    public string MemberId
    {
        get => _memberId ?? DeterministicHex(Seed);
        init => _memberId = value;
    }

    public string ClientId { get; init; } = "local.sandbox00000000000000.00000000";
    public string ClientSecret { get; init; } = "sandboxsecret000000000000000000000000000000";
    public int AccessTokenLifetimeSeconds { get; init; } = 3600;

    // Events (api-reference/events/index.md): no retries; a share can be lost on purpose, deterministically from Seed.
    public int EventLossPercent { get; init; }
    public double EventTimeoutSeconds { get; init; } = 5;

    private static string DeterministicHex(int seed)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, 16).Select(_ => random.Next(256).ToString("x2", CultureInfo.InvariantCulture)));
    }
}
