using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Connector.Bounces;
using Connector.Store;
using Connector.Web;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>
/// POSTs due deliveries, signed the Standard Webhooks way (<c>webhook-id</c> = the event's id on every retry,
/// <c>webhook-timestamp</c> = this attempt's Unix seconds, <c>webhook-signature: v1,…</c>). 2xx is done; anything
/// else (or no answer within <c>Webhooks:Timeout</c>, or an address refused at connect time) is retried with backoff
/// until <c>Webhooks:RetryWindow</c> after the event was queued, then failed; a subscriber failing for
/// <c>Webhooks:DisableAfter</c> without a success is disabled, with one log line. Every attempt is logged in the store.
/// </summary>
public sealed class WebhookDispatcher(WebhookStore store, IHttpClientFactory http, TimeProvider time, IOptions<WebhooksOptions> options, ILogger<WebhookDispatcher> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var due = await store.DueAsync(time.GetUtcNow(), o.PassSize, cancellationToken);
        // A subscriber that failed is left alone for the rest of the pass: one probe per pass, not one timeout per delivery.
        var failedNow = new HashSet<long>();
        var delivered = 0;
        foreach (var delivery in due)
        {
            if (failedNow.Contains(delivery.SubscriberId))
            {
                continue;
            }

            var outcome = await PostAsync(delivery, cancellationToken);
            var now = time.GetUtcNow();
            DateTimeOffset? retryAt = null;
            if (!outcome.Succeeded)
            {
                // The last retry is at the window's end, so a subscriber failing all along has failed for the whole window.
                var deadline = UtcText.Parse(delivery.CreatedAt) + o.RetryWindow;
                var next = now + WebhookBackoff.Delay(delivery.Attempts + 1, o.RetryBaseDelay, o.RetryMaxDelay, Random.Shared.NextDouble());
                retryAt = now >= deadline ? null : next < deadline ? next : deadline;
            }

            if (!outcome.Succeeded)
            {
                failedNow.Add(delivery.SubscriberId);
            }

            if (await store.RecordAsync(delivery, outcome, now, retryAt, o.DisableAfter, cancellationToken))
            {
                logger.LogWarning("Webhooks: subscriber {Id} disabled after failing since {Since} (last: {Last})",
                    delivery.SubscriberId, delivery.FailingSince ?? delivery.CreatedAt, outcome.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? outcome.Error);
            }

            delivered += outcome.Succeeded ? 1 : 0;
        }

        return delivered;
    }

    private async Task<WebhookAttemptOutcome> PostAsync(WebhookDueDelivery delivery, CancellationToken cancellationToken)
    {
        if (WebhookSecret.KeyOf(delivery.Secret) is not { } key)
        {
            return new WebhookAttemptOutcome(null, "the subscriber's secret is not usable");
        }

        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", delivery.EventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", StandardWebhookSignature.Sign(key, delivery.EventId, timestamp, body));
        try
        {
            using var response = await http.CreateClient(WebhookHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // The reason phrase is the subscriber's text: made safe for logs and capped.
            return new WebhookAttemptOutcome((int)response.StatusCode, response.IsSuccessStatusCode ? null : LogText.Safe(response.ReasonPhrase, 100));
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptOutcome(null, LogText.Safe(Describe(ex)));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptOutcome(null, "timed out (Webhooks:Timeout)");
        }
    }

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException refused)
            {
                return "refused: " + refused.Message;
            }
        }

        return ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString();
    }
}
