using Connector.Sending.Ledger;
using Connector.Sending.Tokens;
using Connector.Tracking.Hits;
using Connector.Web;
using Microsoft.Extensions.Options;

namespace Connector.Tracking.Unsubscribe;

/// <summary>
/// <c>GET /t/u/{token}</c>: the confirmation page (ru/en), which changes nothing (link scanners prefetch). <c>POST</c>:
/// the page's form (<c>scope=list|all</c>, <c>reason</c>) or RFC 8058 one-click (<c>List-Unsubscribe=One-Click</c>,
/// urlencoded or multipart; all marketing). 200 only once the unsubscribe is stored: the hit (and for "this list only"
/// the <c>list_unsubscribes</c> row) committed by the recorder, for "all marketing" the suppression (reason
/// <c>unsubscribed</c>) through <see cref="SendLedgerStore"/>; a store that stays locked past
/// <c>Tracking:RecordWaitMilliseconds</c> gets 503 with <c>Retry-After</c>, never a 200 for what is not stored (the hit
/// stays queued, and an "all marketing" one is suppressed once it is written, whether or not the POST is repeated).
/// Repeating a POST changes nothing more. No redirect, no cookie.
/// </summary>
public static partial class UnsubscribeEndpoints
{
    public const int MaxReason = 500;
    private const string OneClickField = "List-Unsubscribe";

    public static IResult Page(string token, HttpContext context, TrackingTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        var texts = UnsubscribeTexts.For(context.Request.Headers.AcceptLanguage.ToString());
        return tokens.Read(TokenKind.Unsubscribe, token) is null
            ? Html(context, UnsubscribePage.Message(texts, texts.NotValid), StatusCodes.Status404NotFound)
            : Html(context, UnsubscribePage.Form(texts), StatusCodes.Status200OK);
    }

    public static async Task<IResult> PostAsync(
        string token, HttpContext context, TrackingTokens tokens, HitRecorder recorder, SendLedgerStore ledger, IOptions<TrackingHitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var texts = UnsubscribeTexts.For(context.Request.Headers.AcceptLanguage.ToString());
        if (tokens.Read(TokenKind.Unsubscribe, token) is not { } signed)
        {
            return Html(context, UnsubscribePage.Message(texts, texts.NotValid), StatusCodes.Status404NotFound);
        }

        var (form, problem, status) = await TrackingFormReader.ReadAsync(context.Request, context.RequestAborted);
        if (form is null)
        {
            LogRefused(TrackingEndpoints.Logger(context), status, problem);
            return Results.Text(status == StatusCodes.Status413PayloadTooLarge ? "Request body too large.\n" : "Bad request.\n", "text/plain; charset=utf-8", statusCode: status);
        }

        var oneClick = string.Equals(form[OneClickField].ToString(), "One-Click", StringComparison.OrdinalIgnoreCase);
        var scope = oneClick ? UnsubscribeScope.All : UnsubscribeScopes.Parse(form["scope"].ToString());
        if (scope is not { } chosen)
        {
            return Results.Text("Bad request: choose scope=list or scope=all.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var wait = TimeSpan.FromMilliseconds(options.Value.RecordWaitMilliseconds);
        var hit = new TrackingHit(HitKind.Unsubscribe, signed.Message, time.GetUtcNow(), TrackingEndpoints.Agent(context))
        {
            Scope = chosen, Detail = oneClick ? "one-click" : Reason(form["reason"].ToString()),
        };
        var recording = recorder.RecordAsync(hit);
        var result = await recorder.WaitAsync(recording, wait, context.RequestAborted);
        if (result.Outcome == HitOutcome.Pending && chosen == UnsubscribeScope.All)
        {
            // The hit is written once the store frees; the suppression must follow it even if nobody retries the POST.
            _ = SuppressOnceStoredAsync(recording, ledger, signed.Message.SendId, TrackingEndpoints.Logger(context));
        }

        if (result.Outcome == HitOutcome.UnknownMessage)
        {
            return Html(context, UnsubscribePage.Message(texts, texts.NotValid), StatusCodes.Status404NotFound);
        }

        if (!result.Stored || (chosen == UnsubscribeScope.All && !await SuppressAsync(ledger, result.Recipient!, signed.Message.SendId, wait, time, context.RequestAborted)))
        {
            LogNotStored(TrackingEndpoints.Logger(context), signed.Message.SendId, result.Outcome);
            context.Response.Headers.RetryAfter = "30";
            return Html(context, UnsubscribePage.Message(texts, texts.TryAgain), StatusCodes.Status503ServiceUnavailable);
        }

        return oneClick
            ? Results.Text("Unsubscribed.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status200OK)
            : Html(context, UnsubscribePage.Done(texts, chosen), StatusCodes.Status200OK);
    }

    // The suppression may outlast the wait on a locked store: it then completes on its own, and a retry finds it listed.
    private static async Task<bool> SuppressAsync(SendLedgerStore ledger, string address, long ledgerId, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.SuppressAsync(address, "unsubscribed", $"unsubscribe:ledger:{ledgerId}", CancellationToken.None).WaitAsync(wait, time, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    private static async Task SuppressOnceStoredAsync(Task<HitResult> recording, SendLedgerStore ledger, long ledgerId, ILogger logger)
    {
        try
        {
            if (await recording is { Stored: true, Recipient: { } address })
            {
                await ledger.SuppressAsync(address, "unsubscribed", $"unsubscribe:ledger:{ledgerId}", CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            LogLateSuppressionFailed(logger, ex, ledgerId);
        }
    }

    private static string? Reason(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c) || c is '\n').Take(MaxReason).ToArray()).Trim();
        return clean.Length > 0 ? clean : null;
    }

    private static IResult Html(HttpContext context, string html, int status)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = UnsubscribePage.ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Text(html, "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracking: the unsubscribe of ledger row {LedgerId} was stored but its suppression failed")]
    private static partial void LogLateSuppressionFailed(ILogger logger, Exception exception, long ledgerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking: unsubscribe POST refused with {Status}: {Problem}")]
    private static partial void LogRefused(ILogger logger, int status, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tracking: unsubscribe of ledger row {LedgerId} not stored in time ({Outcome}); answered 503")]
    private static partial void LogNotStored(ILogger logger, long ledgerId, HitOutcome outcome);
}
