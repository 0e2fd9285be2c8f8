using System.Globalization;
using Microsoft.Extensions.Options;

namespace Connector.Domains;

public sealed class DnsOptionsValidator : IValidateOptions<DnsOptions>
{
    public ValidateOptionsResult Validate(string? name, DnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var server in options.Servers)
        {
            if (DnsServerAddress.TryParse(server) is null)
            {
                return ValidateOptionsResult.Fail($"Dns:Servers: '{Shown(server)}' is not host:port (an IP address or localhost, like 127.0.0.1:53 or [::1]:53)");
            }
        }

        if (options.Timeout is { } timeout
            && !(TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && span <= TimeSpan.FromMinutes(1)))
        {
            return ValidateOptionsResult.Fail($"Dns:Timeout: '{Shown(timeout)}' is not a TimeSpan between 00:00:00.001 and 00:01:00");
        }

        return ValidateOptionsResult.Success;
    }

    private static string Shown(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
