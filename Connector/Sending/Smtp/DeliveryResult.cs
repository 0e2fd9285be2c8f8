namespace Connector.Sending.Smtp;

/// <summary>A classified delivery attempt: status, the server's reply code and enhanced status code when there was one.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, int? ReplyCode, string? EnhancedCode, string Detail)
{
    public static DeliveryResult Accepted(string detail) => new(DeliveryStatus.Accepted, 250, null, detail);

    public static DeliveryResult ConnectionFailed(string detail) => new(DeliveryStatus.ConnectionFailure, null, null, detail);

    public static DeliveryResult OutcomeUnknown(string detail) => new(DeliveryStatus.Unknown, null, null, detail);

    public static DeliveryResult NotHandedOver { get; } = new(DeliveryStatus.NotHandedOver, null, null, "not handed over: the claim was refused");

    public static DeliveryResult Unreachable(string detail, DateTimeOffset pausedUntil) => new(DeliveryStatus.Unreachable, null, null, detail) { RetryAt = pausedUntil };

    /// <summary>
    /// When the transport takes messages again (<see cref="DeliveryStatus.Unreachable"/>), or takes messages to this
    /// recipient domain again (<see cref="DeliveryStatus.PolicyBlock"/> through a route); null = the sender decides.
    /// </summary>
    public DateTimeOffset? RetryAt { get; init; }
}
