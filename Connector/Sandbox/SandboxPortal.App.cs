using System.Globalization;
using Connector.Sandbox.Events;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    public const string OAuthDomain = "oauth.bitrix.info";
    public const string Scope = "crm,placement,user_brief,bizproc";
    public const string AppStatus = "L";
    public const string LanguageId = "ru";

    private readonly List<SandboxEventBinding> _eventBindings = [];
    private readonly List<SandboxPlacementBinding> _placements = [];
    private readonly List<SandboxOutgoingWebhook> _outgoingWebhooks = [];
    private Uri? _baseUrl;
    private bool _domainChanged;
    private bool _installed;
    private string? _applicationToken;
    private long _nextHandlerId = 1;
    private bool _appContext;
    private DateTimeOffset? _callerExpiresAt;
    private long? _callerUserId;

    /// <summary>True once an install finished (installer page called BX24.installFinish, or ONAPPINSTALL got a 2xx).</summary>
    public bool Installed
    {
        get
        {
            lock (_lock)
            {
                return _installed;
            }
        }
    }

    public string? ApplicationToken
    {
        get
        {
            lock (_lock)
            {
                return _applicationToken;
            }
        }
    }

    /// <summary>
    /// When set, CRM changes count as made by automation (robot, workflow, agent): their events carry no user
    /// tokens (api-reference/events/index.md, _includes/auth-params-in-events.md).
    /// </summary>
    public bool ChangesByAutomation { get; set; }

    public IReadOnlyList<SandboxEventBinding> EventBindings => Snapshot(_eventBindings);

    public IReadOnlyList<SandboxPlacementBinding> Placements => Snapshot(_placements);

    public IReadOnlyList<SandboxOutgoingWebhook> OutgoingWebhooks => Snapshot(_outgoingWebhooks);

    /// <summary>The root the portal is served at (<c>http://127.0.0.1:PORT/</c>); null until set or learnt from a request.</summary>
    public Uri? BaseUrl
    {
        get
        {
            lock (_lock)
            {
                return _baseUrl;
            }
        }
    }

    /// <summary>Where OAuth REST calls go: <c>{BaseUrl}sandbox/rest/</c>, or <c>{BaseUrl}sandbox/moved/rest/</c> after <see cref="ChangeDomain"/>.</summary>
    public Uri ClientEndpoint
    {
        get
        {
            lock (_lock)
            {
                return ClientEndpointCore;
            }
        }
    }

    /// <summary>The authorization server root: the app calls <c>{OAuthServer}/oauth/token/</c>.</summary>
    public Uri OAuthServer => new(RequireBaseUrl(), "sandbox");

    public bool DomainChanged
    {
        get
        {
            lock (_lock)
            {
                return _domainChanged;
            }
        }
    }

    internal bool IsAppContext => _appContext;

    /// <summary>When the access token of the OAuth call being served expires; null outside one.</summary>
    internal DateTimeOffset? CallerExpiresAt => _callerExpiresAt;

    /// <summary>The user whose token (or webhook) made the current call.</summary>
    internal SandboxUser CallerUser => UserById(_callerUserId ?? Options.WebhookUserId) ?? SandboxUsers.Seed(Options)[0];

    internal bool InstalledCore => _installed;

    // Views for the event.* and placement.* handlers, which run under the lock.
    internal List<SandboxEventBinding> EventBindingList => _eventBindings;

    internal List<SandboxPlacementBinding> PlacementList => _placements;

    internal long NextHandlerId() => _nextHandlerId++;

    internal Uri ClientEndpointCore => new(RequireBaseUrl(), _domainChanged ? "sandbox/moved/rest/" : "sandbox/rest/");

    // The portal "domain" is authority plus path up to /rest/, so http://{DOMAIN}/rest/ is the client endpoint, which
    // is how an installer page (it only gets DOMAIN and PROTOCOL) builds its REST base.
    internal string DomainCore
    {
        get
        {
            var endpoint = ClientEndpointCore;
            return endpoint.Authority + endpoint.AbsolutePath[..^"/rest/".Length];
        }
    }

    internal string ServerEndpointCore => new Uri(RequireBaseUrl(), "sandbox/rest/").ToString();

    /// <summary>Tells the portal its public root, e.g. when <see cref="SandboxEndpoints.MapSandbox"/> runs in another host.</summary>
    public void SetBaseUrl(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var text = baseUrl.GetLeftPart(UriPartial.Path);
        lock (_lock)
        {
            _baseUrl = new Uri(text.EndsWith('/') ? text : text + "/");
        }
    }

    /// <summary>First request wins when nobody called <see cref="SetBaseUrl"/> (crm-esp serve --sandbox).</summary>
    internal void LearnBaseUrl(HttpRequest request)
    {
        if (_baseUrl is null)
        {
            lock (_lock)
            {
                _baseUrl ??= new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
            }
        }
    }

    /// <summary>
    /// The portal moves (settings/how-to-call-rest-api/change-domen.md): OAuth calls to the old base get 302 with
    /// the new address; tokens and events from now on carry the new client_endpoint and domain. member_id stays.
    /// </summary>
    public void ChangeDomain()
    {
        lock (_lock)
        {
            _domainChanged = true;
        }
    }

    /// <summary>Subscribes an outgoing webhook (self-hosted portal); ONCRMDEALMOVETOCATEGORY is refused (apps only).</summary>
    public SandboxOutgoingWebhook AddOutgoingWebhook(Uri handler, IReadOnlyCollection<string> events, string applicationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrEmpty(applicationToken);
        if (events.FirstOrDefault(e => !SandboxEventNames.AllowedForOutgoingWebhook(e)) is { } refused)
        {
            throw new ArgumentException($"Event {refused} cannot be sent to an outgoing webhook.", nameof(events));
        }

        lock (_lock)
        {
            var hook = new SandboxOutgoingWebhook(_nextHandlerId++, handler, [.. events.Select(e => e.ToUpperInvariant())], applicationToken);
            _outgoingWebhooks.Add(hook);
            return hook;
        }
    }

    private Uri RequireBaseUrl() =>
        _baseUrl ?? throw new InvalidOperationException("The sandbox does not know its base URL yet: call SetBaseUrl or serve a request first.");

    private static string Unix(DateTimeOffset instant) => instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
