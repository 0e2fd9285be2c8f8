namespace Connector.Operations.Health;

/// <summary>A configured SMTP transport's name and address, as the SMTP readiness check probes it.</summary>
public sealed record SmtpRelay(string Name, string Host, int Port)
{
    /// <summary>The default transport (<c>Smtp:Host</c>) and each named one (<c>Smtp:Transports:NAME:Host</c>); none with a pickup folder.</summary>
    public static IReadOnlyList<SmtpRelay> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Smtp:PickupFolder"] is { Length: > 0 })
        {
            return [];
        }

        var relays = new List<SmtpRelay>();
        void Add(string name, IConfiguration section)
        {
            if (section["Host"] is { Length: > 0 } host)
            {
                relays.Add(new SmtpRelay(name, host, int.TryParse(section["Port"], System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 25));
            }
        }

        Add(Sending.Smtp.TransportTable.DefaultName, configuration.GetSection("Smtp"));
        foreach (var named in configuration.GetSection("Smtp:Transports").GetChildren())
        {
            Add(named.Key, named);
        }

        return relays;
    }
}
