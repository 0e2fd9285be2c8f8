using System.Reflection;
using Connector.Bounces;
using Connector.Crm.Bitrix24;
using Connector.Crm.Bitrix24.Install;
using Connector.Crm.Bitrix24.OAuth;
using Connector.Domains;
using Connector.Sandbox;
using Connector.Sending.Settings;
using Connector.Store;
using Connector.Sync;
using Connector.Templates;
using Connector.Timeline;
using Connector.Webhooks;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli;

/// <summary>
/// Keys inside a known section that no slice reads (a typo like <c>Smtp:Hots</c> would otherwise be ignored in
/// silence): one warning each, with the nearest known key when one is close. Open-ended maps (named transports, routes,
/// per-domain rates and warm-ups) are checked one level down.
/// </summary>
public static class ConfigKeys
{
    private static readonly string[] SmtpKeys = ["Host", "Port", "Security", "User", "Password", "MaxConnections", "MessagesPerSecond", "LocalDomain", "Timeout", "OutagePause"];
    private static readonly string[] MailboxKeys = ["Host", "Port", "Security", "User", "Password", "Folder", "ProcessedFolder", "FailedFolder"];
    private static readonly string[] WarmUpKeys = ["Start", "FirstDay", "Growth"];

    private static readonly Dictionary<string, string[]> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Store"] = Properties<StoreOptions>(),
        ["Sync"] = Properties<SyncOptions>(),
        ["Bitrix24"] = [.. Properties<Bitrix24Options>(), .. Properties<Bitrix24OAuthOptions>(), "ApplicationToken", "Client"],
        ["Bitrix24:Client"] = Properties<Bitrix24ClientOptions>(),
        ["App"] = Properties<AppOptions>(),
        ["Sandbox"] = Properties<SandboxOptions>(),
        ["Templates"] = Properties<TemplateOptions>(),
        ["Sender"] = Properties<SenderOptions>(),
        ["Dkim"] = Properties<DkimOptions>(),
        ["Tracking"] = [.. Properties<TrackingOptions>(), .. Properties<Connector.Tracking.TrackingHitOptions>()],
        ["Bounces"] = [.. Properties<BouncesOptions>(), .. Properties<BounceIntakeOptions>()],
        ["Bounces:Imap"] = MailboxKeys,
        ["Bounces:Pop3"] = MailboxKeys,
        ["Smtp"] = [.. SmtpKeys, "Transports", "Routes", "PickupFolder", "PolicyPause"],
        ["Sending"] = ["Validation", "FrequencyCap", "QuietHours", "WarmUp", "DomainRates", "Profile", "Transactional", "Runner"],
        ["Sending:Runner"] = Properties<Connector.Sending.Queue.QueuedLetterRunnerOptions>(),
        ["Sending:Validation"] = ["CheckMx"],
        ["Sending:Transactional"] = ["RetryUnknown"],
        ["Sending:FrequencyCap"] = ["PerDay", "PerWeek"],
        ["Sending:QuietHours"] = ["Start", "End", "TimeZone"],
        ["Sending:WarmUp"] = [.. WarmUpKeys, "Domains"],
        ["Dns"] = Properties<DnsOptions>(),
        ["Timeline"] = Properties<TimelineOptions>(),
        ["Suppression"] = Properties<CrmOptOutOptions>(),
        ["Webhooks"] = Properties<WebhooksOptions>(),
        ["Serve"] = ["TrustedProxies"],
        ["Scenarios"] = Properties<Connector.Scenarios.ScenariosOptions>(),
        ["Quartz"] = Properties<Connector.Host.SchedulerOptions>(),
        ["Health"] = Properties<Connector.Operations.Health.HealthOptions>(),
        ["Metrics"] = Properties<Connector.Operations.Telemetry.MetricsOptions>(),
        ["Campaigns"] = Properties<Connector.Campaigns.Broadcasts.CampaignsOptions>(),
    };

    // Sections whose children are names (a transport, a domain); each child's own keys are checked against these.
    private static readonly Dictionary<string, string[]?> Maps = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Smtp:Transports"] = SmtpKeys,
        ["Smtp:Routes"] = null,
        ["Sending:DomainRates"] = null,
        ["Sending:WarmUp:Domains"] = WarmUpKeys,
    };

    public static IReadOnlyList<string> Unknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var warnings = new List<string>();
        foreach (var (section, known) in Sections)
        {
            foreach (var child in configuration.GetSection(section).GetChildren())
            {
                if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    warnings.Add(Warning(child.Path, child.Key, known, section));
                }
            }
        }

        foreach (var (map, known) in Maps)
        {
            foreach (var entry in configuration.GetSection(map).GetChildren())
            {
                warnings.AddRange(known is null ? [] : entry.GetChildren().Where(k => !known.Contains(k.Key, StringComparer.OrdinalIgnoreCase))
                    .Select(k => Warning(k.Path, k.Key, known, entry.Path)));
            }
        }

        return warnings;
    }

    private static string Warning(string path, string key, string[] known, string section)
    {
        var nearest = known.Select(k => (k, d: Distance(k.ToUpperInvariant(), key.ToUpperInvariant()))).MinBy(x => x.d);
        return nearest.d <= Math.Max(2, key.Length / 3)
            ? $"{path} is not a known setting and is ignored; did you mean {section}:{nearest.k}?"
            : $"{path} is not a known setting and is ignored (known in {section}: {string.Join(", ", known)})";
    }

    private static string[] Properties<T>() => typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).ToArray();

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
