namespace Connector.Webhooks;

/// <summary>Exponential backoff with jitter: base × 2^(attempt−1), capped, then scaled by a factor in [0.5, 1) so subscribers coming back are not hit in step.</summary>
public static class WebhookBackoff
{
    public static TimeSpan Delay(long attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var raw = Math.Min(baseDelay.TotalSeconds * Math.Pow(2, exponent), maxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(raw * (0.5 + (Math.Clamp(jitter, 0, 1) / 2)));
    }
}
