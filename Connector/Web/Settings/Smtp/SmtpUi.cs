using System.Text.RegularExpressions;
using Connector.Web.UiSession;

namespace Connector.Web.Settings.Smtp;

/// <summary>
/// <c>/api/ui/settings/smtp</c>: the transports and routes as configured (they are set in configuration, not here; the
/// password never leaves the server), and a bounded connection test of one transport.
/// </summary>
public static partial class SmtpUi
{
    public static RouteGroupBuilder MapSmtpUi(this RouteGroupBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.MapGet("/smtp", (SmtpTransports transports) => TypedResults.Ok(transports.Overview()))
            .WithSummary("The SMTP transports and routes of the configuration (Smtp:*, Smtp:Transports:NAME:*, Smtp:Routes:*); whether a password is set, never the password");
        settings.MapPost("/smtp/{name}/test", TestAsync)
            .WithSummary("Test a transport: connect, greeting and EHLO (with STARTTLS or TLS), AUTH when a user is configured, QUIT; each step's result, at most 10 s; sends no message");
        return settings;
    }

    private static async Task<IResult> TestAsync(string name, SmtpTransports transports, CancellationToken cancellationToken)
    {
        if (!TransportName().IsMatch(name))
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "name", "a transport name: letters, digits, '-' or '_', at most 64");
        }

        return await transports.TestAsync(name, cancellationToken) is { } result
            ? TypedResults.Ok(result)
            : UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "name", $"no SMTP transport '{name}' in the configuration");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TransportName();
}
