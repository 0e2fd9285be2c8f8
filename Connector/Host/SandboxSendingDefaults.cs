using Microsoft.Extensions.Configuration;

namespace Connector.Host;

/// <summary>
/// In the sandbox with no relay configured, messages go to the pickup folder beside the store, and nothing should stand
/// between a first run and a first send: the sender, DKIM domain, tracking URL and bounce domain default to the reserved
/// domain <see cref="Domain"/> (RFC 2606/6761: it never reaches a real mailbox) and serve's own URL, and MX checks are
/// skipped (no DNS is needed where no message leaves). Only keys left unset get a default; the DKIM keys themselves are
/// made on the first send, and only for this domain (<see cref="Sending.SendingSetupSource"/>). With a relay
/// (<c>Smtp:Host</c>, <c>Smtp:Transports</c>, <c>Smtp:PickupFolder</c>) or a CRM configured, nothing is defaulted.
/// </summary>
public static class SandboxSendingDefaults
{
    /// <summary>The sandbox's sending domain.</summary>
    public const string Domain = Sending.SandboxPickup.Domain;

    /// <summary>True when the sandbox writes messages to its pickup folder (no CRM and no relay configured).</summary>
    public static bool Applies(IConfiguration configuration, PortalChoice choice)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Sandbox && configuration["Smtp:PickupFolder"] is not { Length: > 0 } && configuration["Smtp:Host"] is not { Length: > 0 }
            && !configuration.GetSection("Smtp:Transports").GetChildren().Any();
    }

    /// <summary>The defaults for the keys <paramref name="configuration"/> leaves unset (empty when they do not apply).</summary>
    public static Dictionary<string, string?> For(IConfiguration configuration, PortalChoice choice, Uri self)
    {
        ArgumentNullException.ThrowIfNull(self);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!Applies(configuration, choice))
        {
            return settings;
        }

        void Default(string key, string value)
        {
            if (string.IsNullOrWhiteSpace(configuration[key]))
            {
                settings[key] = value;
            }
        }

        // The DKIM and bounce domains follow the sender only when the sender is the sandbox's too (a From domain the keys do not cover is refused at start).
        if (string.IsNullOrWhiteSpace(configuration["Sender:FromAddress"]))
        {
            Default("Sender:FromAddress", $"news@{Domain}");
            Default("Sender:FromName", "CrmEspBridge sandbox");
            Default("Dkim:Domain", Domain);
            Default("Dkim:KeyFolder", Path.Combine(StoreFolder(configuration), "dkim"));
            Default("Bounces:Domain", $"bounces.{Domain}");
        }

        Default("Tracking:BaseUrl", self.AbsoluteUri.TrimEnd('/'));
        Default("Sending:Validation:CheckMx", "false");
        return settings;
    }

    /// <summary>The folder of the store file, where the sandbox keeps its pickup folder and keys.</summary>
    public static string StoreFolder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Path.GetDirectoryName(Path.GetFullPath(configuration["Store:Path"] is { Length: > 0 } path ? path : "data/crm-esp.db")) ?? ".";
    }

    /// <summary><paramref name="configuration"/> with <see cref="For"/>'s defaults under it (a CLI host; serve adds them to its own builder).</summary>
    public static IConfiguration Apply(IConfiguration configuration, PortalChoice choice)
    {
        var defaults = For(configuration, choice, new ServeOptions { Urls = configuration["urls"] }.SelfUrl());
        return defaults.Count == 0 ? configuration : new ConfigurationBuilder().AddInMemoryCollection(defaults).AddConfiguration(configuration).Build();
    }
}
