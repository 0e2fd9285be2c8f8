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

    /// <summary>No usable connection (refused, TLS, auth, dropped): retry on another transport.</summary>
    ConnectionFailure,
}
