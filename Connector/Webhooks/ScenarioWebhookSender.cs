using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Connector.Bounces;
using Connector.Scenarios;
using Connector.Web;

namespace Connector.Webhooks;

/// <summary>
/// <see cref="IScenarioWebhook"/> with the outgoing webhooks' own means: Standard Webhooks headers (webhook-id,
/// webhook-timestamp, webhook-signature) signed with the scenario secret, the named <see cref="WebhookHttp"/> client.
/// </summary>
public sealed class ScenarioWebhookSender(IHttpClientFactory http, TimeProvider time) : IScenarioWebhook
{
    public async Task<(bool Delivered, string? Problem)> PostAsync(Uri url, string idempotencyKey, string json, string secret, CancellationToken cancellationToken)
    {
        if (WebhookSecret.KeyOf(secret) is not { } key)
        {
            return (false, "Scenarios:WebhookSecret is not usable");
        }

        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", idempotencyKey);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", StandardWebhookSignature.Sign(key, idempotencyKey, timestamp, body));
        try
        {
            using var response = await http.CreateClient(WebhookHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode
                ? (true, null)
                : (false, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {LogText.Safe(response.ReasonPhrase, 100)}"));
        }
        catch (HttpRequestException ex)
        {
            return (false, LogText.Safe(ex.HttpRequestError.ToString()));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, "timed out (Webhooks:Timeout)");
        }
    }
}
