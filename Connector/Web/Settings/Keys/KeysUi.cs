using System.Globalization;
using Connector.Api;
using Connector.Webhooks;
using Connector.Web.UiSession;

namespace Connector.Web.Settings.Keys;

/// <summary>
/// <c>/api/ui/settings/api-keys</c> and <c>/webhooks</c>: the portal's API keys (list, create — the key shown once —, revoke)
/// and its webhook subscribers with their delivery log. Secrets never leave after creation: a key is kept as a hash,
/// a webhook's signing secret is never returned.
/// </summary>
public static class KeysUi
{
    public static RouteGroupBuilder MapKeysUi(this RouteGroupBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.MapGet("/api-keys", async (HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
                TypedResults.Ok((await keys.ListAsync(UiApi.Caller(http).PortalId, ct)).Select(k => new ApiKeyView(k.Id, ApiKeyStore.Prefix + k.Id, k.Name, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList()))
            .WithSummary("The portal's API keys: prefix, name, created, last used, revoked (never the key)");
        settings.MapPost("/api-keys", CreateKeyAsync)
            .WithSummary("Create a named API key for the portal ({name}: required, at most 100 characters, unique among its live keys); the answer is the only time the key is shown");
        settings.MapDelete("/api-keys/{id}", async (HttpContext http, string id, ApiKeyStore keys, CancellationToken ct) =>
                id.Length == ApiKeyStore.IdLength && await keys.RevokeAsync(UiApi.Caller(http).PortalId, id, ct)
                    ? (IResult)TypedResults.NoContent()
                    : UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "id", "no live API key with this id in this portal"))
            .WithSummary("Revoke one of the portal's API keys");
        settings.MapGet("/webhooks", async (HttpContext http, WebhookStore store, CancellationToken ct) =>
                TypedResults.Ok((await store.SubscribersAsync(ct)).Where(s => s.PortalId == UiApi.Caller(http).PortalId).Select(View).ToList()))
            .WithSummary("The portal's webhook subscribers: URL, events, state (never the signing secret)");
        settings.MapGet("/webhooks/{id}/log", LogAsync)
            .WithSummary("The last delivery attempts of one of the portal's webhook subscribers (limit 1-500, default 100)");
        settings.MapWebhookEditUi();
        return settings;
    }

    private static async Task<IResult> CreateKeyAsync(HttpContext http, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var (body, problem) = await SettingsBody.ReadJsonAsync<ApiKeyBody>(http.Request, "{\"name\": \"1C exchange\"}", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (ApiKeyStore.NameProblem(body!.Name) is { } refused)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "name", refused);
        }

        var name = body.Name!.Trim();
        if (await keys.CreateAsync(UiApi.Caller(http).PortalId, name, cancellationToken) is not var (id, key))
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "name", "a live key of this portal already has this name; choose another");
        }

        return TypedResults.Created($"/api/ui/settings/api-keys/{id}", new ApiKeyCreated(id, ApiKeyStore.Prefix + id, name, key));
    }

    private static async Task<IResult> LogAsync(HttpContext http, string id, string? limit, WebhookStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var subscriberId) || subscriberId <= 0)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "id", "the webhook id must be a positive whole number");
        }

        var size = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 500))
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "limit", "limit must be 1 to 500");
        }

        var mine = (await store.SubscribersAsync(cancellationToken)).Any(s => s.Id == subscriberId && s.PortalId == UiApi.Caller(http).PortalId);
        if (!mine)
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "id", "no webhook with this id in this portal");
        }

        var attempts = await store.AttemptsAsync(subscriberId, size, cancellationToken);
        return TypedResults.Ok(attempts.Reverse().Select(a => new WebhookAttemptView(a.Id, a.At, a.EventId, a.Type, a.StatusCode, a.Error, a.State)).ToList());
    }

    internal static WebhookView View(WebhookSubscriber s) => new(
        s.Id, s.Url, s.Events.Split(',', StringSplitOptions.RemoveEmptyEntries), s.State, s.FailingSince, s.DisabledAt, s.DisabledReason, s.CreatedAt);
}
