using Connector.Host;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Connector.Web;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, and tracking would classify nginx, not Apple's
/// privacy proxy or Outlook's link scanner. With <c>Serve:TrustedProxies</c> set, <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are taken from those proxies only (one hop: the address the nearest trusted proxy saw);
/// from anyone else, or with the list empty, they are ignored, so a reader cannot pose as a scanner or hide as one.
/// </summary>
public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ServeOptions>>().Value.TrustedProxies;
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        // ASP.NET Core trusts loopback by default; only the configured proxies are trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownIPNetworks.Add(ServeOptions.ParseProxy(proxy)!.Value);
        }

        return app.UseForwardedHeaders(options);
    }
}
