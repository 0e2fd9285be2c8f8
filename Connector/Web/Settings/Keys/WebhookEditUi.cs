using System.Globalization;
using Connector.Webhooks;
using Connector.Web.UiSession;
using Microsoft.Extensions.Options;

namespace Connector.Web.Settings.Keys;

/// <summary>
/// <c>/api/ui/settings/webhooks</c> (add, edit, remove): the portal's subscribers changed from the app, with the checks
/// <c>crm-esp webhooks add</c> runs (<see cref="WebhookSubscriptionCheck"/>: http(s), public addresses unless
/// <c>Webhooks:AllowPrivate</c>, known events); a 400 names <c>url</c> or <c>events</c>. The signing secret is generated
/// and shown once, in the answer to the add; an edit keeps it. Another portal's subscriber is a 404.
/// </summary>
public static class WebhookEditUi
{
    public static RouteGroupBuilder MapWebhookEditUi(this RouteGroupBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.MapPost("/webhooks", AddAsync)
            .WithSummary("Add a webhook subscriber to the portal ({url, events}; checked as `webhooks add` does); the answer is the only time its signing secret is shown");
        settings.MapPut("/webhooks/{id}", EditAsync)
            .WithSummary("Change one of the portal's webhook subscribers' URL and events (its secret and log stay)");
        settings.MapDelete("/webhooks/{id}", RemoveAsync)
            .WithSummary("Remove one of the portal's webhook subscribers, its pending deliveries and its log");
        return settings;
    }

    private static async Task<IResult> AddAsync(
        HttpContext http, WebhookStore store, IOptions<WebhooksOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (url, events, problem) = await ReadAsync(http, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var portal = UiApi.Caller(http).PortalId;
        var secret = WebhookSecret.Generate();
        var id = await store.AddSubscriberAsync(portal, url!, events!, secret, time.GetUtcNow(), cancellationToken);
        var added = (await store.SubscribersAsync(cancellationToken)).Single(s => s.Id == id);
        return TypedResults.Created(string.Create(CultureInfo.InvariantCulture, $"/api/ui/settings/webhooks/{id}"), new WebhookCreated(KeysUi.View(added), secret));
    }

    private static async Task<IResult> EditAsync(
        HttpContext http, string id, WebhookStore store, IOptions<WebhooksOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Id(id) is not { } subscriberId)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "id", "the webhook id must be a positive whole number");
        }

        var (url, events, problem) = await ReadAsync(http, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var portal = UiApi.Caller(http).PortalId;
        if (!await store.UpdateSubscriberAsync(portal, subscriberId, url!, events!, time.GetUtcNow(), cancellationToken))
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "id", "no webhook with this id in this portal");
        }

        return TypedResults.Ok(KeysUi.View((await store.SubscribersAsync(cancellationToken)).Single(s => s.Id == subscriberId)));
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, string id, WebhookStore store, CancellationToken cancellationToken)
    {
        if (Id(id) is not { } subscriberId)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "id", "the webhook id must be a positive whole number");
        }

        var portal = UiApi.Caller(http).PortalId;
        var mine = (await store.SubscribersAsync(cancellationToken)).Any(s => s.Id == subscriberId && s.PortalId == portal);
        return mine && await store.RemoveSubscriberAsync(subscriberId, cancellationToken)
            ? TypedResults.NoContent()
            : UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "id", "no webhook with this id in this portal");
    }

    private static async Task<(Uri? Url, IReadOnlyList<string>? Events, IResult? Problem)> ReadAsync(HttpContext http, WebhooksOptions options, CancellationToken cancellationToken)
    {
        var (body, problem) = await SettingsBody.ReadJsonAsync<WebhookBody>(http.Request, "{\"url\": \"https://…\", \"events\": [\"sent\", \"opened\"]}", cancellationToken);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        if (string.IsNullOrWhiteSpace(body!.Url) || body.Url.Length > 2000)
        {
            return (null, null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "url", "an http(s) URL of at most 2,000 characters is required"));
        }

        if (body.Events is not { Count: > 0 } list || list.Any(string.IsNullOrWhiteSpace))
        {
            return (null, null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "events", $"name at least one of {string.Join(", ", WebhookEventTypes.All)}"));
        }

        var (url, events, refused) = await WebhookSubscriptionCheck.CheckAsync(body.Url.Trim(), string.Join(',', list), options.AllowPrivate, cancellationToken);
        return refused is null
            ? (url, events, null)
            : (null, null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", refused.Field, refused.Field == "url" ? $"the URL {refused.Detail}" : refused.Detail));
    }

    private static long? Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
