using Connector.Crm.Bitrix24.Events;
using Connector.Web;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// <c>POST /b24/robot/send-email</c>: the robot "Send e-mail (CrmEspBridge)" as the portal calls it (one attempt, no
/// retry: bitrix24-automation.md §6.5). <c>auth[application_token]</c> must be the stored install's (constant time,
/// as for events): forged or missing → 401 and nothing stored. A run is stored once per event token (a redelivery is
/// answered 200 and does nothing), then either entered into the robot's scenario or, with bad properties, refused —
/// the refusal is answered at once with bizproc.event.send (status refused:REASON), so the workflow never hangs.
/// </summary>
public static class Bitrix24RobotEndpoints
{
    public const string Route = "/b24/robot/send-email";

    public static IEndpointRouteBuilder MapBitrix24Robot(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync).DisableAntiforgery();
        return app;
    }

    public static async Task<IResult> HandleAsync(
        HttpRequest request, Bitrix24EventAuthenticator authenticator, RobotCallStore calls, IRobotScenarios scenarios, RobotAnswerNudge nudge,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(nudge);
        var logger = loggers.CreateLogger(typeof(Bitrix24RobotEndpoints));
        var (raw, problem, status) = await Bitrix24FormReader.ReadAsync(request, cancellationToken);
        if (raw is null)
        {
            logger.LogWarning("Robot call rejected ({Status}): {Problem}", status, LogText.Safe(problem));
            return Results.Text(problem, statusCode: status);
        }

        var (portal, refusal) = await authenticator.AuthenticateAsync(Bitrix24EventForm.From(raw), cancellationToken);
        if (portal is null || !portal.IsAppInstall)
        {
            // Robots exist only for installed apps (bizproc.robot.add needs app context); a webhook's token is not enough.
            logger.LogWarning("Robot call rejected (401): {Reason}", LogText.Safe(refusal ?? "robots are an installed app's, not a webhook's"));
            return Results.Text("unauthorized", statusCode: StatusCodes.Status401Unauthorized);
        }

        var form = Bitrix24RobotForm.From(raw);
        if (form.EventToken is null)
        {
            logger.LogWarning("Robot call for {Portal} rejected (400): event_token is missing", portal.PortalKey);
            return Results.Text("the field event_token is missing", statusCode: StatusCodes.Status400BadRequest);
        }

        var properties = RobotProperties.Read(form);
        var refused = form.DealId is null ? "not_a_deal"
            : properties.Refused
            ?? (await scenarios.TemplateExistsAsync(properties.Template, cancellationToken) ? null : "unknown_template");
        var call = new RobotCall(portal.PortalId, form.TokenHash, form.EventToken, form.WorkflowId, form.Code, form.DealId,
            NullIfEmpty(properties.Template), properties.Transactional ? "transactional" : "marketing", NullIfEmpty(properties.DelayText),
            refused is null ? null : $"refused:{refused}");
        if (await calls.AcceptAsync(call, cancellationToken) is not { } id)
        {
            logger.LogInformation("Robot call for {Portal} (workflow {Workflow}) seen before: nothing more done", portal.PortalKey, LogText.Safe(form.WorkflowId ?? "-", 64));
            return Results.Text("OK");
        }

        if (refused is not null)
        {
            logger.LogWarning("Robot call {Id} for {Portal} deal {Deal} refused ({Reason}): template '{Template}', delay '{Delay}', kind '{Kind}'; answering refused:{Reason}",
                id, portal.PortalKey, form.DealId, refused, LogText.Safe(properties.Template, 100), LogText.Safe(properties.DelayText, 32), LogText.Safe(form.Property("kind"), 32), refused);
            await nudge.NudgeAsync(cancellationToken);
            return Results.Text("OK");
        }

        await RobotEnrollment.EnterAsync(calls, scenarios, id, call, properties, logger, cancellationToken);
        await nudge.NudgeAsync(cancellationToken);
        return Results.Text("OK");
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
