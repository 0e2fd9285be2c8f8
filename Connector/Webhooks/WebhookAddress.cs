using System.Net;
using System.Net.Sockets;

namespace Connector.Webhooks;

/// <summary>
/// Which subscriber URLs may be called: absolute http(s) with a host, resolving only to public addresses unless
/// <c>Webhooks:AllowPrivate</c> (loopback, RFC 1918 / unique-local, link-local, CGNAT, unspecified, multicast are not
/// public). Checked at <c>webhooks add</c> and again at every connection (<see cref="WebhookHttp"/>), since DNS may change.
/// </summary>
public static class WebhookAddress
{
    /// <summary>Null when <paramref name="text"/> is an http(s) URL; otherwise why not.</summary>
    public static string? FormProblem(string text, out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "is not an http(s) URL with a host (and no user info)";
        }

        url = parsed;
        return null;
    }

    /// <summary>Null when the host resolves only to allowed addresses; otherwise why not (DNS failures included).</summary>
    public static async Task<string?> ResolveProblemAsync(Uri url, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var (addresses, problem) = await ResolveAsync(url.IdnHost, allowPrivate, cancellationToken);
        return addresses is null ? problem : null;
    }

    /// <summary>The host's addresses when all are allowed; otherwise null and why.</summary>
    public static async Task<(IPAddress[]? Addresses, string? Problem)> ResolveAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            return (null, $"does not resolve ({ex.SocketErrorCode})");
        }

        if (addresses.Length == 0)
        {
            return (null, "does not resolve");
        }

        if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            return (null, $"resolves to {refused}, a loopback, private or link-local address (allowed only with Webhooks:AllowPrivate=true)");
        }

        return (addresses, null);
    }

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
        }

        var v6 = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC);
    }
}
