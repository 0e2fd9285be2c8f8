namespace Connector.Crm.Bitrix24.Install;

/// <summary>Install attempts one client address may make per window (each costs a call to the OAuth server).</summary>
public sealed record InstallRateLimitOptions
{
    public int PermitLimit { get; init; } = 10;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}
