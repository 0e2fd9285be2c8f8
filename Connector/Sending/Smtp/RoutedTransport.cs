using System.Collections.Concurrent;
using Connector.Sending.Composing;

namespace Connector.Sending.Smtp;

/// <summary>
/// Several named transports, routed by the sender's (From) domain: each route is an ordered list of transport names.
/// A relay that cannot be reached, or a connection that failed before the end of DATA, tries the same message on the
/// next transport of the route at once; when none is left, the last failure is returned (the runner puts an unreached
/// row back, or defers a claimed one with backoff). A failure after the end of DATA (<see cref="DeliveryStatus.Unknown"/>)
/// is never failed over: the first relay may have the message. A policy block pauses the recipient
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

    public Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken) =>
        DeliverAsync(message, DeliveryClaim.Unconditional(envelopeId), cancellationToken);

    /// <summary>Each transport of the route in turn; the claim is made once, by the first transport that holds a connection.</summary>
    public async Task<DeliveryResult> DeliverAsync(ComposedMessage message, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(claim);
        var senderDomain = message.Message.From.Mailboxes.FirstOrDefault()?.Domain ?? string.Empty;
        var recipientDomain = message.Recipient.Domain;
        DeliveryResult? last = null;
        foreach (var name in RouteFor(senderDomain))
        {
            if (_paused.TryGetValue((name, recipientDomain), out var until) && until > time.GetUtcNow())
            {
                last ??= new DeliveryResult(DeliveryStatus.PolicyBlock, null, null, $"{name}: {recipientDomain} paused until {Store.UtcText.From(until)} after a policy block") { RetryAt = until };
                continue;
            }

            var result = await transports[name].DeliverAsync(message, claim, cancellationToken);
            if (result.Status is DeliveryStatus.ConnectionFailure or DeliveryStatus.Unreachable)
            {
                last = result with { Detail = $"{name}: {result.Detail}" };
                continue;
            }

            if (result.Status == DeliveryStatus.PolicyBlock)
            {
                var pausedUntil = time.GetUtcNow() + PolicyPause;
                _paused[(name, recipientDomain)] = pausedUntil;
                return result with { Detail = $"{name}: {result.Detail}", RetryAt = pausedUntil };
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
