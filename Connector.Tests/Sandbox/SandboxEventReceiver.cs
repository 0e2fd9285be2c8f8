using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Sandbox;

/// <summary>A tiny app on 127.0.0.1:0 that records every POST (path, query, form with literal bracket keys) and answers as told.</summary>
public sealed class SandboxEventReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPost> _posts = new();

    private SandboxEventReceiver(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int StatusCode { get; set; } = 200;

    public string ResponseBody { get; set; } = string.Empty;

    /// <summary>How long to sit on each request before answering (for handler timeouts).</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ReceivedPost> Posts => [.. _posts];

    public Uri Url(string path) => new(BaseUrl, path);

    public static async Task<SandboxEventReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        SandboxEventReceiver? self = null;
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            self!._posts.Enqueue(new ReceivedPost(
                context.Request.Path.Value ?? string.Empty,
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal),
                context.Request.ContentType ?? string.Empty));
            if (self.Delay > TimeSpan.Zero)
            {
                await Task.Delay(self.Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return Results.Text(self.ResponseBody, "text/html; charset=utf-8", statusCode: self.StatusCode);
        });
        await app.StartAsync(TestContext.CurrentContext.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new SandboxEventReceiver(app, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TestContext.CurrentContext.CancellationToken);
        await _app.DisposeAsync();
    }

    public sealed record ReceivedPost(
        string Path,
        IReadOnlyDictionary<string, string> Query,
        IReadOnlyDictionary<string, string> Form,
        string ContentType);
}
