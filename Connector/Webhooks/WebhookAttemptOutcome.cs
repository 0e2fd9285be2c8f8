namespace Connector.Webhooks;

/// <summary>What one POST came to: a status code (2xx is success) or no response and a short error.</summary>
public sealed record WebhookAttemptOutcome(int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
