namespace Connector.Webhooks;

/// <summary>Thrown by the connect callback when a subscriber's host resolves to an address it may not call; the dispatcher logs <see cref="Exception.Message"/> as the attempt's error.</summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException()
    {
    }

    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
