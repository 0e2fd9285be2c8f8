namespace Connector.Webhooks;

/// <summary>
/// The checks of a subscriber's URL and events, shared by <c>crm-esp webhooks add</c> and the app's Settings: an http(s)
/// URL with a host and no user info (<see cref="WebhookAddress.FormProblem"/>), resolving only to public addresses
/// unless <c>Webhooks:AllowPrivate</c> (<see cref="WebhookAddress.ResolveProblemAsync"/>), and known event types
/// (<see cref="WebhookEventTypes.Parse"/>), in that order. A problem names the field (<c>url</c> or <c>events</c>).
/// </summary>
public static class WebhookSubscriptionCheck
{
    public static async Task<(Uri? Url, IReadOnlyList<string>? Events, WebhookSubscriptionProblem? Problem)> CheckAsync(
        string url, string events, bool allowPrivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(events);
        if (WebhookAddress.FormProblem(url, out var parsed) is { } form)
        {
            return (null, null, new("url", form));
        }

        if (await WebhookAddress.ResolveProblemAsync(parsed!, allowPrivate, cancellationToken) is { } resolve)
        {
            return (null, null, new("url", resolve));
        }

        var (types, unknown) = WebhookEventTypes.Parse(events);
        if (types is null)
        {
            return (null, null, new("events", $"'{unknown}' is not one of {string.Join(", ", WebhookEventTypes.All)}"));
        }

        return types.Count == 0 ? (null, null, new("events", $"name at least one of {string.Join(", ", WebhookEventTypes.All)}")) : (parsed, types, null);
    }
}
