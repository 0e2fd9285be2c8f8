using Microsoft.Extensions.Configuration;

namespace Connector.Sending.Settings;

/// <summary>
/// The sections the transports and the runner's rules are read from: <c>Smtp</c> (the default relay, named
/// <c>Transports</c>, <c>Routes</c>, <c>PickupFolder</c>, <c>PolicyPause</c>) and <c>Sending</c> (frequency cap,
/// warm-up, domain rates, import validation). Kept as configuration because transports and routes are open-ended maps.
/// </summary>
public sealed record DeliveryOptions
{
    public IConfiguration Configuration { get; set; } = new ConfigurationBuilder().Build();
}
