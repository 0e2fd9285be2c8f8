using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// <c>POST /b24/install</c>: both install flows. The installer page answers HTML that calls <c>BX24.installFinish()</c>
/// (until then Bitrix24 delivers no events); the ONAPPINSTALL callback answers 200. Unverifiable tokens → 401.
/// </summary>
public static class Bitrix24InstallEndpoints
{
    public const string Route = "/b24/install";

    public static IEndpointRouteBuilder MapBitrix24Install(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync).DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> HandleAsync(HttpRequest request, Bitrix24Installer installer, IOptions<AppOptions> app, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(app);
        var logger = loggers.CreateLogger(typeof(Bitrix24InstallEndpoints));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = 64 * 1024;
        }

        if (!request.HasFormContentType)
        {
            return Results.Text("expected an application/x-www-form-urlencoded body", statusCode: StatusCodes.Status400BadRequest);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Results.Text("malformed form body", statusCode: ex is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status400BadRequest);
        }

        var (install, missing) = Bitrix24InstallRequest.From(form, request.Query);
        if (install is null)
        {
            logger.LogWarning("Install rejected (400): the field {Field} is missing", missing);
            return Results.Text($"the field {missing} is missing", statusCode: StatusCodes.Status400BadRequest);
        }

        var publicUrl = app.Value.PublicUrl ?? new Uri($"{request.Scheme}://{request.Host}/");
        var refusal = await installer.InstallAsync(install, Bitrix24AppManifest.Load(), publicUrl, cancellationToken);
        if (refusal is not null)
        {
            logger.LogWarning("{Install} refused (401): {Reason}", install, refusal);
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
