namespace Connector.Sending.Smtp;

/// <summary>How a delivery attempt ended, and so what the sender does next.</summary>
public enum DeliveryStatus
{
    /// <summary>250 after DATA: sent.</summary>
    Accepted,

    /// <summary>4xx: retry later with backoff.</summary>
    Deferred,

    /// <summary>5.1.x (bad mailbox/domain/syntax) or 5.2.1 (disabled): suppress the address.</summary>
    HardReject,

    /// <summary>5.7.x, 4.7.x, 421 4.7.x: the destination blocks us; pause it, never suppress the recipient.</summary>
    PolicyBlock,

    /// <summary>Other 5xx (size, content): fix the message; the address stays.</summary>
    Rejected,

    /// <summary>The connection dropped before the end of DATA (nothing was accepted): retry, on another transport too.</summary>
    ConnectionFailure,

    /// <summary>
    /// The connection failed or timed out after the end of DATA, before the server's reply: the server may have accepted
    /// the message. Never failed over; the runner records "outcome unknown" (or, for transactional mail set to, retries).
    /// </summary>
    Unknown,

    /// <summary>The relay could not be reached (connect, TLS or AUTH failed): nothing was handed over; the transport pauses.</summary>
    Unreachable,

    /// <summary>The sender's claim was refused once a connection was held (the row is no longer its own): nothing was sent.</summary>
    NotHandedOver,
}
