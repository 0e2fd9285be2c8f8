using Microsoft.Extensions.Options;

namespace Connector.Host;

/// <summary>Each of <c>urls</c> is an absolute http(s) URL with a host (Kestrel's wildcards <c>*</c> and <c>+</c> allowed); each trusted proxy an address or a CIDR network.</summary>
public sealed class ServeOptionsValidator : IValidateOptions<ServeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var url in (options.Urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var probe = url.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            {
                return ValidateOptionsResult.Fail($"urls: '{url}' is not an absolute http(s) URL (like {ServeOptions.DefaultUrl})");
            }
        }

        foreach (var proxy in options.TrustedProxies)
        {
            if (ServeOptions.ParseProxy(proxy) is null)
            {
                return ValidateOptionsResult.Fail($"Serve:TrustedProxies: '{proxy}' is not an IP address or a CIDR network (like 10.0.0.5 or 10.0.0.0/24)");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
