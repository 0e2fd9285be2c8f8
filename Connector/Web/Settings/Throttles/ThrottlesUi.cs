namespace Connector.Web.Settings.Throttles;

/// <summary>
/// <c>/api/ui/settings/throttles</c>: the warm-up plan, frequency cap, per-domain rates, the time zone of send windows,
/// tracking and privacy switches — read-only, as the effective configuration has them, each with its key. The ones a
/// portal may set for itself (cap, quiet hours, tracking switches, CRM resubscribe) are edited through
/// <see cref="Portal.PortalSettingsUi"/>; this stays the configuration's view. Secrets (<c>Tracking:SigningKey</c>) are never among them.
/// </summary>
public static class ThrottlesUi
{
    private static readonly (string Group, (string Key, string Default)[] Keys)[] Fixed =
    [
        ("frequency", [("Sending:FrequencyCap:PerDay", "none"), ("Sending:FrequencyCap:PerWeek", "none")]),
        ("warmup", [("Sending:WarmUp:Start", "none (no ramp)"), ("Sending:WarmUp:FirstDay", "none"), ("Sending:WarmUp:Growth", "none")]),
        ("quietHours", [("Scenarios:DefaultTimeZone", "UTC"), ("Scenarios:TimeZoneField", "none")]),
        ("tracking", [("Tracking:BaseUrl", "none"), ("Tracking:MachineWindowSeconds", "10"), ("Tracking:LinkBurstMilliseconds", "1000")]),
        ("privacy", [("Suppression:CrmMayResubscribe", "false"), ("Sending:Validation:CheckMx", "true")]),
    ];

    public static RouteGroupBuilder MapThrottlesUi(this RouteGroupBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.MapGet("/throttles", (IConfiguration configuration) => TypedResults.Ok(Groups(configuration)))
            .WithSummary("Warm-up, frequency cap, per-domain rates, the send windows' time zone, tracking and privacy switches: read-only, from the effective configuration, each with its key");
        return settings;
    }

    public static IReadOnlyList<ConfigGroup> Groups(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var groups = Fixed.Select(g => new ConfigGroup(g.Group, [.. g.Keys.Select(k => new ConfigSetting(k.Key, configuration[k.Key], k.Default))])).ToList();
        var warmUpDomains = configuration.GetSection("Sending:WarmUp:Domains").GetChildren()
            .SelectMany(d => d.GetChildren().Select(k => new ConfigSetting(k.Path, k.Value, "none"))).ToList();
        groups[1] = groups[1] with { Settings = [.. groups[1].Settings, .. warmUpDomains] };
        groups.Insert(2, new ConfigGroup("domainRates",
            [.. configuration.GetSection("Sending:DomainRates").GetChildren().Select(r => new ConfigSetting(r.Path, r.Value, "unpaced"))]));
        return groups;
    }
}
