using Connector.Sending.Composing;

namespace Connector.Sending.Smtp;

/// <summary>
/// Hands one composed message to a relay (or a folder) and says how it went; never throws for expected failures.
/// <paramref name="envelopeId"/> (the send id) goes into the DSN <c>ENVID</c> when the server offers DSN.
/// </summary>
public interface IDeliveryTransport : IAsyncDisposable
{
    Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken);
}
