namespace Connector.Scenarios;

/// <summary>
/// The outgoing POST of a webhook step, owned here and implemented by the Webhooks slice (its signer, its HTTP client:
/// address checks at connect, no redirects, bounded by Webhooks:Timeout). True when the receiver answered 2xx;
/// otherwise why not. The receiver gets <paramref name="idempotencyKey"/> as webhook-id, so a retry is safe.
/// </summary>
public interface IScenarioWebhook
{
    Task<(bool Delivered, string? Problem)> PostAsync(Uri url, string idempotencyKey, string json, string secret, CancellationToken cancellationToken);
}
