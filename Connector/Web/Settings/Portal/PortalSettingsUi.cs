using System.Text.Json;
using Connector.PortalSettings;
using Connector.Sending.Ledger;
using Connector.Web.UiSession;

namespace Connector.Web.Settings.Portal;

/// <summary>
/// <c>/api/ui/settings/portal</c>: the caller's portal's own sending settings — frequency cap, quiet hours, tracking
/// switches, the CRM resubscribe switch — each with the configured value and the one in effect, and every change with
/// who and when. A change is checked with <see cref="PortalSettingRules"/> (the page runs the same rules) and refused
/// with a 400 naming the field; a value set overrides configuration for this portal only, null unsets it.
/// </summary>
public static class PortalSettingsUi
{
    private const int ChangesShown = 50;

    public static RouteGroupBuilder MapPortalSettingsUi(this RouteGroupBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.MapGet("/portal", async (HttpContext http, PortalSettingsStore store, IConfiguration configuration, CancellationToken ct) =>
                TypedResults.Ok(await ViewAsync(UiApi.Caller(http).PortalId, store, configuration, ct)))
            .WithSummary("The portal's sending settings (frequency cap, quiet hours, tracking and privacy switches): its own value, the configured one, the one in effect; the last changes with who and when");
        settings.MapPut("/portal", SaveAsync)
            .WithSummary("Set (a value) or unset (null: configuration applies) the portal's sending settings; 400 naming the field when a rule refuses it");
        return settings;
    }

    private static async Task<IResult> SaveAsync(
        HttpContext http, PortalSettingsStore store, PortalSettingsReader reader, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (body, problem) = await SettingsBody.ReadJsonAsync<PortalSettingsBody>(http.Request, "{\"values\": {\"frequencyPerDay\": \"2\", \"quietHoursStart\": null, …}}", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Values is not { Count: > 0 } raw)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "values", "name at least one setting to change");
        }

        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (field, element) in raw)
        {
            if (PortalSettingKeys.ByField(field) is null)
            {
                return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, "not a setting of the portal");
            }

            switch (element.ValueKind)
            {
                case JsonValueKind.Null:
                    changes[field] = null;
                    break;
                case JsonValueKind.String:
                    changes[field] = element.GetString()!.Trim();
                    break;
                case JsonValueKind.Number:
                    changes[field] = element.GetRawText();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    changes[field] = element.GetBoolean() ? "true" : "false";
                    break;
                default:
                    return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, "a string, a number, true/false or null");
            }
        }

        var caller = UiApi.Caller(http);
        var own = (await store.ValuesAsync(caller.PortalId, cancellationToken)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var effective = PortalSettingsReader.Effective(own, configuration);
        var effectiveAfterUnset = PortalSettingsReader.Effective(new Dictionary<string, string>(), configuration);
        // A field unset falls back to configuration: the cross-field checks see that value.
        var merged = effective.ToDictionary(e => e.Key, e => changes.TryGetValue(e.Key, out var v) && v is null ? effectiveAfterUnset[e.Key] : e.Value, StringComparer.Ordinal);
        if (PortalSettingRules.Check(changes, merged) is { } refused)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", refused.Field, refused.Detail);
        }

        await store.SaveAsync(caller.PortalId, caller.UserId, changes.ToDictionary(c => PortalSettingKeys.ByField(c.Key)!.Key, c => c.Value, StringComparer.Ordinal), cancellationToken);
        reader.Forget(caller.PortalId);
        return TypedResults.Ok(await ViewAsync(caller.PortalId, store, configuration, cancellationToken));
    }

    private static async Task<PortalSettingsView> ViewAsync(long portalId, PortalSettingsStore store, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var own = (await store.ValuesAsync(portalId, cancellationToken)).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var changes = await store.ChangesAsync(portalId, ChangesShown, cancellationToken);
        var zone = await store.PortalTimeZoneAsync(portalId, cancellationToken);
        var settings = PortalSettingKeys.All.Select(d =>
        {
            var configured = string.IsNullOrWhiteSpace(configuration[d.Key]) ? null : configuration[d.Key]!.Trim();
            if (configured is not null && d.Kind == PortalSettingKind.Switch && bool.TryParse(configured, out var b))
            {
                configured = b ? "true" : "false";
            }

            var mine = own.GetValueOrDefault(d.Key);
            var (effective, source) = mine is not null ? (mine.Value, "portal") : configured is not null ? (configured, "configuration") : (d.Default, "default");
            return new PortalSettingView(d.Field, d.Key, d.Group, d.Kind.ToString().ToLowerInvariant(), mine?.Value, configured, d.Default, effective, source,
                mine?.UpdatedAt, mine?.UpdatedBy, mine?.UpdatedByName);
        }).ToList();
        return new PortalSettingsView(settings,
            [.. changes.Select(c => new PortalSettingChangeView(PortalSettingKeys.ByKey(c.Key)?.Field ?? c.Key, c.Key, c.OldValue, c.NewValue, c.ChangedAt, c.ChangedBy, c.ChangedByName))],
            zone, SendSettingKeys.DefaultZoneFrom(configuration).Id);
    }
}
