namespace Connector.Sending.Smtp;

/// <summary>A classified delivery attempt: status, the server's reply code and enhanced status code when there was one.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, int? ReplyCode, string? EnhancedCode, string Detail)
{
    public static DeliveryResult Accepted(string detail) => new(DeliveryStatus.Accepted, 250, null, detail);

    public static DeliveryResult ConnectionFailed(string detail) => new(DeliveryStatus.ConnectionFailure, null, null, detail);
}
