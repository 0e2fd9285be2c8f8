using Connector.Sending.Composing;

namespace Connector.Sending.Smtp;

/// <summary>
/// Hands one composed message to a relay (or a folder) and says how it went; never throws for expected failures.
/// <paramref name="envelopeId"/> (the send id) goes into the DSN <c>ENVID</c> when the server offers DSN.
/// </summary>
public interface IDeliveryTransport : IAsyncDisposable
{
    Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken);

    /// <summary>
    /// Sends after <see cref="DeliveryClaim.TryClaimAsync"/> said yes, which a transport calls once the message holds
    /// everything it waits for (rate slot, connection) and right before the first SMTP command of the message. This
    /// default claims first and then sends; SMTP transports claim after the wait.
    /// </summary>
    async Task<DeliveryResult> DeliverAsync(ComposedMessage message, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return await claim.TryClaimAsync(cancellationToken) ? await SendAsync(message, claim.EnvelopeId, cancellationToken) : DeliveryResult.NotHandedOver;
    }
}
