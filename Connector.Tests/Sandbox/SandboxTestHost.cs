using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sandbox;

/// <summary>
/// A real <see cref="SandboxHost"/> on loopback, a FakeTimeProvider and an HttpClient to call it; every call takes the
/// running test's token (fired by [CancelAfter]).
/// </summary>
public sealed class SandboxTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private SandboxTestHost(SandboxHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Http = new HttpClient { BaseAddress = host.WebhookUrl };
    }

    public SandboxHost Host { get; }

    public SandboxPortal Portal => Host.Portal;

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<SandboxTestHost> StartAsync(SandboxOptions? options = null)
    {
        var time = new FakeTimeProvider(Start);
        var host = await SandboxHost.StartAsync(options ?? new SandboxOptions(), time, TestContext.CurrentContext.CancellationToken);
        return new SandboxTestHost(host, time);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string method, object parameters)
    {
        using var response = await Http.PostAsJsonAsync(method, parameters, TestContext.CurrentContext.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(string method, string formBody)
    {
        using var content = new StringContent(formBody, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Http.PostAsync(method, content, TestContext.CurrentContext.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string methodAndQuery)
    {
        using var response = await Http.GetAsync(new Uri(methodAndQuery, UriKind.Relative), TestContext.CurrentContext.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.CurrentContext.CancellationToken))!.AsObject();
}
