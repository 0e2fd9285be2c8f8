using System.Globalization;
using Connector.Sandbox.Events;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    private (string Token, DateTimeOffset ExpiresAt)? _eventToken;

    public SandboxEventStats EventStats => _delivery.Stats;

    /// <summary>Waits until every queued event POST has been answered, timed out or refused.</summary>
    public Task DrainEventsAsync(CancellationToken cancellationToken) => _delivery.DrainAsync(cancellationToken);

    private void RaiseEntityEvent(string name, long id) => RaiseEvent(name, [new("data[FIELDS][ID]", Text(id))]);

    /// <summary>
    /// Queues one POST per handler bound to <paramref name="name"/> (runs under the lock). App handlers get the
    /// payload of api-reference/events/index.md (see the fixture in the connector's bitrix24-rest.md §6.2); events are
    /// only sent once the app is installed (settings/app-installation/installation-finish.md).
    /// </summary>
    private void RaiseEvent(string name, IReadOnlyList<KeyValuePair<string, string>> data)
    {
        var ts = Unix(_timeProvider.GetUtcNow());
        if (_installed && _applicationToken is { } applicationToken)
        {
            foreach (var binding in _eventBindings.Where(b => string.Equals(b.Event, name, StringComparison.OrdinalIgnoreCase)))
            {
                Queue(binding.Handler, Envelope(name, binding.Id, data, ts, AppAuth(applicationToken)));
            }
        }

        foreach (var hook in _outgoingWebhooks.Where(h => h.Events.Contains(name, StringComparer.OrdinalIgnoreCase)))
        {
            Queue(hook.Handler, Envelope(name, hook.Id, data, ts, EndpointAuth(hook.ApplicationToken)));
        }
    }

    private void Queue(Uri handler, List<KeyValuePair<string, string>> form)
    {
        if (Options.EventLossPercent > 0 && _loss.Next(100) < Options.EventLossPercent)
        {
            _delivery.CountDropped();
            return;
        }

        _delivery.Enqueue(new SandboxEventPost(handler, form));
    }

    private static List<KeyValuePair<string, string>> Envelope(
        string name, long handlerId, IReadOnlyList<KeyValuePair<string, string>> data, string ts, IEnumerable<KeyValuePair<string, string>> auth)
    {
        List<KeyValuePair<string, string>> form = [new("event", name), new("event_handler_id", Text(handlerId))];
        form.AddRange(data);
        form.Add(new("ts", ts));
        form.AddRange(auth.Select(p => new KeyValuePair<string, string>($"auth[{p.Key}]", p.Value)));
        return form;
    }

    // A user's change carries a token minted for that user; automation carries none (_includes/auth-params-in-events.md).
    private List<KeyValuePair<string, string>> AppAuth(string applicationToken)
    {
        List<KeyValuePair<string, string>> auth = [];
        if (!ChangesByAutomation)
        {
            if (_eventToken is not { } token || !_tokens.IsLive(token.Token))
            {
                token = _tokens.IssueAccessOnly();
                _eventToken = token;
            }

            auth.Add(new("access_token", token.Token));
            auth.Add(new("expires", Unix(token.ExpiresAt)));
            auth.Add(new("expires_in", Text(Options.AccessTokenLifetimeSeconds)));
        }

        auth.Add(new("scope", Scope));
        auth.Add(new("domain", DomainCore));
        auth.Add(new("server_endpoint", ServerEndpointCore));
        auth.Add(new("status", AppStatus));
        auth.Add(new("client_endpoint", ClientEndpointCore.ToString()));
        auth.Add(new("member_id", Options.MemberId));
        if (!ChangesByAutomation)
        {
            auth.Add(new("user_id", Text(Options.WebhookUserId)));
        }

        auth.Add(new("application_token", applicationToken));
        return auth;
    }

    // Outgoing webhooks and ONAPPUNINSTALL: only these five (on-app-uninstall.md, api-reference/events/index.md).
    private List<KeyValuePair<string, string>> EndpointAuth(string applicationToken) =>
    [
        new("domain", DomainCore),
        new("server_endpoint", ServerEndpointCore),
        new("client_endpoint", ClientEndpointCore.ToString()),
        new("member_id", Options.MemberId),
        new("application_token", applicationToken),
    ];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
