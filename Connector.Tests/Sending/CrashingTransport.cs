using Connector.Sending.Composing;
using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>Lets <c>after</c> messages through, then "dies": before handing the next one over, or right after its 250.</summary>
internal sealed class CrashingTransport(IDeliveryTransport inner, int after, bool afterAccept) : IDeliveryTransport
{
    private int _count;

    public async Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken)
    {
        if (_count == after && !afterAccept)
        {
            throw new SimulatedCrashException();
        }

        var result = await inner.SendAsync(message, envelopeId, cancellationToken);
        if (++_count > after && afterAccept)
        {
            throw new SimulatedCrashException();
        }

        return result;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public sealed class SimulatedCrashException : Exception
    {
        public SimulatedCrashException()
            : base("process died")
        {
        }
    }
}
