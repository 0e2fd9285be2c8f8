using Connector.Sending.Composing;

namespace Connector.Sending.Smtp;

/// <summary>Hands one composed message to a relay (or a folder) and says how it went; never throws for expected failures.</summary>
public interface IDeliveryTransport : IAsyncDisposable
{
    Task<DeliveryResult> SendAsync(ComposedMessage message, CancellationToken cancellationToken);
}
