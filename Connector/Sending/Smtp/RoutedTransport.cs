using System.Collections.Concurrent;
using Connector.Sending.Composing;

namespace Connector.Sending.Smtp;

/// <summary>
/// Several named transports, routed by the sender's (From) domain: each route is an ordered list of transport names.
/// A connection failure on one transport tries the same message on the next transport of the route at once; when none
/// is left, the last failure is returned and the runner defers the row with backoff. A policy block pauses the recipient
/// domain on that transport only (<see cref="PolicyPause"/>): later messages to that domain go to the route's next transport.
/// Each transport keeps its own pool, connection cap and messages/s.
/// </summary>
public sealed class RoutedTransport(
    IReadOnlyDictionary<string, IDeliveryTransport> transports, IReadOnlyDictionary<string, IReadOnlyList<string>> routes, IReadOnlyList<string> defaultRoute,
    TimeProvider time) : IDeliveryTransport
{
    private readonly ConcurrentDictionary<(string Transport, string Domain), DateTimeOffset> _paused = new();

    public TimeSpan PolicyPause { get; init; } = TimeSpan.FromMinutes(30);

    public IReadOnlyDictionary<string, IDeliveryTransport> Transports => transports;

    /// <summary>The transports a message from this sender domain may take, in order.</summary>
    public IReadOnlyList<string> RouteFor(string senderDomain) =>
        routes.TryGetValue(senderDomain, out var route) ? route : defaultRoute;

    public async Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var senderDomain = message.Message.From.Mailboxes.FirstOrDefault()?.Domain ?? string.Empty;
        var recipientDomain = message.Recipient.Domain;
        DeliveryResult? last = null;
        foreach (var name in RouteFor(senderDomain))
        {
            if (_paused.TryGetValue((name, recipientDomain), out var until) && until > time.GetUtcNow())
            {
                last ??= new DeliveryResult(DeliveryStatus.PolicyBlock, null, null, $"{name}: {recipientDomain} paused until {Store.UtcText.From(until)} after a policy block");
                continue;
            }

            var result = await transports[name].SendAsync(message, envelopeId, cancellationToken);
            if (result.Status == DeliveryStatus.ConnectionFailure)
            {
                last = result with { Detail = $"{name}: {result.Detail}" };
                continue;
            }

            if (result.Status == DeliveryStatus.PolicyBlock)
            {
                _paused[(name, recipientDomain)] = time.GetUtcNow() + PolicyPause;
            }

            return result with { Detail = $"{name}: {result.Detail}" };
        }

        return last ?? DeliveryResult.ConnectionFailed($"no transport routes mail from {senderDomain}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var transport in transports.Values)
        {
            await transport.DisposeAsync();
        }
    }
}
