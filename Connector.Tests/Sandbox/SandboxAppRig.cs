using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

/// <summary>
/// A sandbox host, an app-side receiver for installs and events, and an HttpClient that never follows redirects; every
/// call takes the running test's token (fired by [CancelAfter]).
/// </summary>
public sealed class SandboxAppRig : IAsyncDisposable
{
    private SandboxAppRig(SandboxTestHost sandbox, SandboxEventReceiver app)
    {
        Sandbox = sandbox;
        App = app;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    public SandboxTestHost Sandbox { get; }

    public SandboxPortal Portal => Sandbox.Portal;

    public SandboxEventReceiver App { get; }

    public HttpClient Http { get; }

    public static async Task<SandboxAppRig> StartAsync(SandboxOptions? options = null) =>
        new(await SandboxTestHost.StartAsync(options ?? new SandboxOptions { Contacts = 5, Deals = 3 }), await SandboxEventReceiver.StartAsync());

    /// <summary>Installs through ONAPPINSTALL (the receiver answers 200) and returns the tokens.</summary>
    public async Task<SandboxInstallResult> InstallAsync()
    {
        var result = await Portal.InstallAsync(App.Url("install"), SandboxInstallMode.InstallEvent, TestContext.CurrentContext.CancellationToken);
        Assert.That(result.Installed, Is.True);
        return result;
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> CallAsync(string method, object parameters, string? auth)
    {
        var body = JsonSerializer.SerializeToNode(parameters)!.AsObject();
        if (auth is not null)
        {
            body["auth"] = auth;
        }

        using var response = await Http.PostAsJsonAsync(new Uri(Portal.ClientEndpoint, method), body, TestContext.CurrentContext.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> RefreshAsync(string refreshToken, string? clientSecret = null)
    {
        var options = Portal.Options;
        var url = new Uri($"{Sandbox.Host.OAuthServer}/oauth/token/?grant_type=refresh_token&client_id={options.ClientId}"
            + $"&client_secret={clientSecret ?? options.ClientSecret}&refresh_token={refreshToken}");
        using var response = await Http.GetAsync(url, TestContext.CurrentContext.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<IReadOnlyDictionary<string, string>> BindAndGetSingleEventAsync(string auth, string eventName, Func<Task> change)
    {
        var (status, _) = await CallAsync("event.bind", new { @event = eventName, handler = App.Url("b24/events").ToString() }, auth);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        await change();
        await Portal.DrainEventsAsync(TestContext.CurrentContext.CancellationToken);
        var events = App.Posts.Where(p => p.Path == "/b24/events").ToList();
        Assert.That(events, Has.Count.EqualTo(1));
        return events[0].Form;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Sandbox.DisposeAsync();
        await App.DisposeAsync();
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.CurrentContext.CancellationToken);
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }
}
