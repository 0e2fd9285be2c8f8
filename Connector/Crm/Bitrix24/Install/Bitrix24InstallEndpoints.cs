using Connector.Web;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// <c>POST /b24/install</c>: both install flows. The installer page answers HTML that calls <c>BX24.installFinish()</c>
/// (until then Bitrix24 delivers no events); the ONAPPINSTALL callback answers 200. Unverifiable tokens → 401;
/// malformed or oversized bodies → 400/413; too many attempts from one client → 429 (each attempt costs an OAuth call).
/// </summary>
public static class Bitrix24InstallEndpoints
{
    public const string Route = "/b24/install";

    public static IEndpointRouteBuilder MapBitrix24Install(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync).DisableAntiforgery().RequireRateLimiting(Bitrix24InstallRateLimit.Policy);
        return app;
    }

    public static async Task<IResult> HandleAsync(HttpRequest request, Bitrix24Installer installer, IOptions<AppOptions> app, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(app);
        var logger = loggers.CreateLogger(typeof(Bitrix24InstallEndpoints));
        var (form, problem, status) = await Bitrix24FormReader.ReadAsync(request, cancellationToken);
        if (form is null)
        {
            logger.LogWarning("Install rejected ({Status}): {Problem}", status, LogText.Safe(problem));
            return Results.Text(problem, statusCode: status);
        }

        var (install, missing) = Bitrix24InstallRequest.From(form, request.Query);
        if (install is null)
        {
            logger.LogWarning("Install rejected (400): the field {Field} is missing", missing);
            return Results.Text($"the field {missing} is missing", statusCode: StatusCodes.Status400BadRequest);
        }

        // Handler URLs come from configuration only: a request's Host header is the client's to choose.
        if (AppOptions.PublicBase(app.Value) is not { } publicUrl)
        {
            logger.LogError("Install refused (503): App:PublicUrl is not set, so the handler URLs to bind are unknown");
            return Results.Text("the connector is not configured for installs (App:PublicUrl)", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var refusal = await installer.InstallAsync(install, Bitrix24AppManifest.Load(), publicUrl, cancellationToken);
        if (refusal is not null)
        {
            logger.LogWarning("{Install} refused (401): {Reason}", install, LogText.Safe(refusal));
            return Results.Text("the install could not be verified", statusCode: StatusCodes.Status401Unauthorized);
        }

        return install.IsEvent ? Results.Text("OK") : Results.Content(InstalledPage, "text/html; charset=utf-8");
    }

    // The page lives in the portal's iframe; installFinish tells Bitrix24 the app is ready (installation-finish.md).
    private const string InstalledPage = """
        <!DOCTYPE html>
        <html lang="ru"><head><meta charset="utf-8"><title>CrmEspBridge</title>
        <script src="//api.bitrix24.com/api/v1/"></script></head>
        <body><h1>CrmEspBridge установлен</h1><p>Контакты и сделки синхронизируются; откройте приложение в левом меню.</p>
        <script>if (window.BX24) { BX24.init(function () { BX24.installFinish(); }); }</script>
        </body></html>
        """;
}
