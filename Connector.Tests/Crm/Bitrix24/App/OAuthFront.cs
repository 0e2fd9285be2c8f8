using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>
/// One OAuth server for all test portals, as oauth.bitrix.info is for all real ones: forwards a token request to each
/// sandbox's own OAuth endpoint until one knows the refresh token.
/// </summary>
public sealed class OAuthFront : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Uri> _servers = [];
    private readonly HttpClient _http = new();

    private OAuthFront(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/");

    public void Add(Uri sandboxOAuthServer) => _servers.Add(sandboxOAuthServer);

    public static async Task<OAuthFront> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var front = new OAuthFront(app);
        app.MapGet("/oauth/token/", front.ForwardAsync);
        await app.StartAsync(TestContext.CurrentContext.CancellationToken);
        return front;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task<IResult> ForwardAsync(HttpRequest request)
    {
        (int Status, string Body) last = (400, """{"error":"invalid_grant","error_description":"Invalid grant"}""");
        foreach (var server in _servers.ToList())
        {
            var response = await _http.GetAsync(new Uri(server.AbsoluteUri.TrimEnd('/') + "/oauth/token/" + request.QueryString.Value));
            last = ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            if (response.IsSuccessStatusCode)
            {
                break;
            }
        }

        return Results.Content(last.Body, "application/json", statusCode: last.Status);
    }
}
