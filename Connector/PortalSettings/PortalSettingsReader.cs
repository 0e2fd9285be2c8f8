using System.Collections.Concurrent;
using Connector.Sending.Ledger;

namespace Connector.PortalSettings;

/// <summary>
/// The portal settings in effect for the code that applies them per message (the letter sources' tracking switches,
/// the opt-out watcher): the portal's own value, else configuration, else the default. Read at most every
/// <see cref="Freshness"/> per portal (a message does not cost a query; a change in Settings holds within seconds).
/// </summary>
public sealed class PortalSettingsReader(PortalSettingsStore store, IConfiguration configuration, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, (DateTimeOffset At, IReadOnlyDictionary<string, string> Values)> _cache = new();

    /// <summary>Field → the value in effect for the portal (see <see cref="PortalSettingKeys.All"/>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> EffectiveAsync(long portalId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(portalId, out var cached) && now - cached.At < Freshness)
        {
            return cached.Values;
        }

        var own = (await store.ValuesAsync(portalId, cancellationToken)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var values = Effective(own, configuration);
        _cache[portalId] = (now, values);
        return values;
    }

    /// <summary>Field → value in effect from a portal's own values (by key) over configuration over the defaults.</summary>
    public static IReadOnlyDictionary<string, string> Effective(IReadOnlyDictionary<string, string> own, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(configuration);
        return PortalSettingKeys.All.ToDictionary(d => d.Field, d => own.GetValueOrDefault(d.Key) ?? Normal(d, configuration[d.Key]) ?? d.Default, StringComparer.Ordinal);
    }

    /// <summary>The open pixel and click tracking switches in effect for the portal.</summary>
    public async Task<(bool Opens, bool Clicks)> TrackingAsync(long portalId, CancellationToken cancellationToken)
    {
        var values = await EffectiveAsync(portalId, cancellationToken);
        return (values["trackOpens"] == "true", values["trackClicks"] == "true");
    }

    /// <summary>The switches from configuration alone (a file's recipients have no portal).</summary>
    public static (bool Opens, bool Clicks) ConfiguredTracking(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (!bool.TryParse(configuration[SendSettingKeys.TrackOpens], out var opens) || opens,
            !bool.TryParse(configuration[SendSettingKeys.TrackClicks], out var clicks) || clicks);
    }

    /// <summary>Whether clearing the CRM's opt-out field may lift the portal's unsubscribes.</summary>
    public async Task<bool> CrmMayResubscribeAsync(long portalId, CancellationToken cancellationToken) =>
        (await EffectiveAsync(portalId, cancellationToken))["crmMayResubscribe"] == "true";

    /// <summary>Forgets the portal's cached values (the Settings page after a save, so its own reads are fresh).</summary>
    public void Forget(long portalId) => _cache.TryRemove(portalId, out _);

    // Configuration as the page's values: booleans lower-case (True → true); empty = unset.
    private static string? Normal(PortalSettingDefinition definition, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : definition.Kind == PortalSettingKind.Switch && bool.TryParse(value, out var b) ? (b ? "true" : "false")
        : value.Trim();
}
