using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Ledger;

/// <summary>
/// Warm-up ramps per sending domain (the From domain a runner sends as): <c>Sending:WarmUp:Domains:DOMAIN:Start</c>,
/// <c>:FirstDay</c>, <c>:Growth</c> for a domain of its own, and <c>Sending:WarmUp:Start/FirstDay/Growth</c> for every
/// other domain. Each domain's budget counts only what left from that domain today.
/// </summary>
public sealed record WarmUpPlan(WarmUp Default, IReadOnlyDictionary<string, WarmUp> Domains)
{
    public static WarmUpPlan None { get; } = new(WarmUp.None, new Dictionary<string, WarmUp>());

    public static WarmUpPlan Everywhere(WarmUp ramp) => new(ramp, new Dictionary<string, WarmUp>());

    public static WarmUpPlan From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var domains = configuration.GetSection("Sending:WarmUp:Domains").GetChildren()
            .ToDictionary(c => c.Key.ToLowerInvariant(), WarmUp.From, StringComparer.OrdinalIgnoreCase);
        return new WarmUpPlan(WarmUp.From(configuration.GetSection("Sending:WarmUp")), domains);
    }

    public WarmUp For(string senderDomain) => Domains.TryGetValue(senderDomain, out var ramp) ? ramp : Default;
}
