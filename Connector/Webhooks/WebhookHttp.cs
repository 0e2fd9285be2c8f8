using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>
/// The named HTTP client of deliveries: no redirects (a 3xx is a failure, never a hop to another host), no proxy,
/// <c>Webhooks:Timeout</c>, and a connect callback that resolves the host itself and connects only to addresses
/// <see cref="WebhookAddress"/> allows, so the check at delivery time is the address actually connected to.
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "webhooks";

    public static IServiceCollection AddWebhookHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhooksOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<IOptions<WebhooksOptions>>()))
            .RemoveAllLoggers();
        return services;
    }

    public static SocketsHttpHandler Handler(IOptions<WebhooksOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var (addresses, problem) = await WebhookAddress.ResolveAsync(context.DnsEndPoint.Host, options.Value.AllowPrivate, cancellationToken);
                if (addresses is null)
                {
                    throw new WebhookAddressRefusedException($"{context.DnsEndPoint.Host} {problem}");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }
}
