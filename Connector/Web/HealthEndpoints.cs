using Connector.Sync;

namespace Connector.Web;

/// <summary>
/// <c>GET /healthz/ready</c>: 200 <c>{"status":"ready","portals":[…]}</c> while every portal's latest sync pass
/// succeeded (or none ran yet), else 503 <c>{"status":"degraded",…}</c>; each portal with its last success, last failure
/// and failures in a row. No error text (it is unauthenticated); the log has that. <c>/healthz</c> stays a liveness check.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyRoute = "/healthz/ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(ReadyRoute, (PortalHealth health) => Ready(health.Snapshot()));
        return app;
    }

    public static IResult Ready(IReadOnlyList<PortalHealthEntry> portals)
    {
        ArgumentNullException.ThrowIfNull(portals);
        var ready = portals.All(p => p.Healthy);
        var body = new
        {
            status = ready ? "ready" : "degraded",
            portals = portals.Select(p => new
            {
                portal = p.Portal, healthy = p.Healthy, last_success = p.LastSuccess, last_failure = p.LastFailure, consecutive_failures = p.ConsecutiveFailures,
            }),
        };
        return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
