using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Smtp;

/// <summary>
/// Reads the transports from configuration: <c>Smtp:PickupFolder</c> (a folder, nothing else), or the default transport
/// from <c>Smtp:Host/Port/Security/User/Password</c> plus named ones from <c>Smtp:Transports:NAME:*</c>, and routes
/// <c>Smtp:Routes:SENDER-DOMAIN=NAME[,FALLBACK…]</c> (<c>Smtp:Routes:*</c> for every other sender domain; without it the
/// default transport, else every named one in order). A route naming an unknown transport fails naming the key.
/// </summary>
public static class TransportTable
{
    public const string DefaultName = "default";

    public static IDeliveryTransport From(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Smtp:PickupFolder"] is { Length: > 0 } pickup)
        {
            return new PickupFolderTransport(pickup);
        }

        var named = configuration.GetSection("Smtp:Transports").GetChildren().ToList();
        var routeKeys = configuration.GetSection("Smtp:Routes").GetChildren().ToList();
        if (named.Count == 0 && routeKeys.Count == 0)
        {
            return new SmtpDeliveryTransport(SmtpOptions.From(configuration), time);
        }

        var options = new List<SmtpOptions>();
        if (configuration["Smtp:Host"] is { Length: > 0 })
        {
            options.Add(SmtpOptions.From(configuration));
        }

        options.AddRange(named.Select(section => SmtpOptions.From(section, section.Key, section.Path)));
        if (options.Count == 0)
        {
            throw new InvalidOperationException("Smtp:Host (or Smtp:Transports:NAME:Host) is required for sending");
        }

        var transports = options.ToDictionary(o => o.Name, o => (IDeliveryTransport)new SmtpDeliveryTransport(o, time), StringComparer.OrdinalIgnoreCase);
        var routes = routeKeys.ToDictionary(r => r.Key.ToLowerInvariant(), r => (IReadOnlyList<string>)Names(r, transports), StringComparer.OrdinalIgnoreCase);
        var fallback = routes.TryGetValue("*", out var star) ? star
            : transports.ContainsKey(DefaultName) ? [DefaultName]
            : options.Select(o => o.Name).ToList();
        return new RoutedTransport(transports, routes, fallback, time)
        {
            PolicyPause = TimeSpan.TryParse(configuration["Smtp:PolicyPause"], System.Globalization.CultureInfo.InvariantCulture, out var pause) ? pause : TimeSpan.FromMinutes(30),
        };
    }

    /// <summary>What is wrong with the transports and routes, naming the key; null when they parse (a host may still be missing: that is checked when sending).</summary>
    public static string? Problem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = configuration.GetSection("Smtp:Transports").GetChildren().ToList();
        var problem = SmtpOptions.Problem(configuration.GetSection("Smtp"), "Smtp", hostRequired: false)
            ?? named.Select(section => SmtpOptions.Problem(section, section.Path, hostRequired: true)).FirstOrDefault(p => p is not null)
            ?? Settings.SettingChecks.PositiveTimeSpan("Smtp:PolicyPause", configuration["Smtp:PolicyPause"]);
        if (problem is not null)
        {
            return problem;
        }

        var names = named.Select(n => n.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (configuration["Smtp:Host"] is { Length: > 0 })
        {
            names.Add(DefaultName);
        }

        return configuration.GetSection("Smtp:Routes").GetChildren()
            .Select(route => (route, list: (route.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(r => r.list.Length == 0 || r.list.Any(n => !names.Contains(n)))
            .Select(r => $"{r.route.Path} must list known transports ({string.Join(", ", names)})")
            .FirstOrDefault();
    }

    private static List<string> Names(IConfigurationSection route, Dictionary<string, IDeliveryTransport> transports)
    {
        var names = (route.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (names.Count == 0 || names.Any(n => !transports.ContainsKey(n)))
        {
            throw new InvalidOperationException($"{route.Path} must list known transports ({string.Join(", ", transports.Keys)})");
        }

        return names;
    }
}
