using Connector.Sending.Tokens;
using Connector.Tracking.Hits;
using Connector.Tracking.Unsubscribe;
using Microsoft.Extensions.Options;

namespace Connector.Tracking;

/// <summary>
/// The public, anonymous tracking surface; the token is the only authority (signed, kind-bound). <c>GET /t/o/{token}</c>
/// always answers the 1×1 GIF; <c>GET /t/c/{token}</c> redirects (302) only to the URL signed in the token, else a plain
/// 404; <c>GET /t/u/{token}</c> shows the unsubscribe page and never unsubscribes; <c>POST /t/u/{token}</c> unsubscribes
/// (the page's form, or RFC 8058 one-click). A hit is recorded only for a valid token; the slice never writes to the CRM.
/// </summary>
public static partial class TrackingEndpoints
{
    public const string OpenRoute = "/t/o/{token}";
    public const string ClickRoute = "/t/c/{token}";
    public const string UnsubscribeRoute = "/t/u/{token}";

    // A transparent 1×1 GIF89a.
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        app.MapGet(OpenRoute, OpenAsync);
        app.MapGet(ClickRoute, ClickAsync);
        app.MapGet(UnsubscribeRoute, UnsubscribeEndpoints.Page);
        app.MapPost(UnsubscribeRoute, UnsubscribeEndpoints.PostAsync);
        return app;
    }

    /// <summary>The pixel: never fails; waits at most <c>Tracking:PixelWaitMilliseconds</c> for the hit's commit.</summary>
    public static async Task OpenAsync(string token, HttpContext context, TrackingTokens tokens, HitRecorder recorder, IOptions<TrackingHitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            if (tokens.Read(TokenKind.Open, token) is { } signed)
            {
                var hit = new TrackingHit(HitKind.Open, signed.Message, time.GetUtcNow(), Agent(context));
                await recorder.RecordAsync(hit, TimeSpan.FromMilliseconds(options.Value.PixelWaitMilliseconds), context.RequestAborted);
            }
        }
#pragma warning disable CA1031 // The pixel never fails for the reader, whatever went wrong behind it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPixelFailed(Logger(context), ex);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "image/gif";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = Gif.Length;
        await context.Response.Body.WriteAsync(Gif, context.RequestAborted);
    }

    /// <summary>
    /// The click: 302 to the signed URL once the hit is committed (or after <c>Tracking:RecordWaitMilliseconds</c>, the
    /// hit still queued: the reader gets where they clicked); a token that is not ours, or a URL that is not http(s), gets 404.
    /// </summary>
    public static async Task<IResult> ClickAsync(string token, HttpContext context, TrackingTokens tokens, HitRecorder recorder, IOptions<TrackingHitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        context.Response.Headers.CacheControl = "no-store";
        if (tokens.Read(TokenKind.Click, token) is not { Url: { } url } signed
            || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return NotFound();
        }

        var hit = new TrackingHit(HitKind.Click, signed.Message, time.GetUtcNow(), Agent(context)) { Url = target.AbsoluteUri };
        var result = await recorder.RecordAsync(hit, TimeSpan.FromMilliseconds(options.Value.RecordWaitMilliseconds), context.RequestAborted);
        if (!result.Stored)
        {
            LogClickNotStored(Logger(context), result.Outcome, signed.Message.SendId);
        }

        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Redirect(target.AbsoluteUri);
    }

    /// <summary>The plain 404 of every refused token: no redirect, nothing echoed.</summary>
    public static IResult NotFound() => Results.Text("Not found: this link is not valid.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    internal static AgentVerdict Agent(HttpContext context) =>
        AgentClassifier.Classify(context.Request.Headers.UserAgent.ToString(), context.Connection.RemoteIpAddress);

    internal static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrackingEndpoints).FullName!);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracking: an open could not be recorded; the pixel was served")]
    private static partial void LogPixelFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracking: a click of ledger row {LedgerId} was redirected but is {Outcome}")]
    private static partial void LogClickNotStored(ILogger logger, HitOutcome outcome, long ledgerId);
}
