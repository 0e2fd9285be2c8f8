using System.Globalization;
using System.Net;

namespace Connector.Domains;

/// <summary>Parses one <c>Dns:Servers</c> entry (<c>127.0.0.1:5353</c>, <c>[::1]:53</c>, <c>localhost:53</c>, <c>10.0.0.2</c>).</summary>
public static class DnsServerAddress
{
    public const int DefaultPort = 53;

    public static IPEndPoint? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return null;
                }

                port = rest[1..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            host = text[..text.IndexOf(':', StringComparison.Ordinal)];
            port = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            host = text;
        }

        var number = DefaultPort;
        if (port is not null && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is > 0 and <= 65535))
        {
            return null;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, number);
        }

        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, number) : null;
    }
}
