using Connector.Operations.Health;
using Connector.Sync;

namespace Connector.Web;

/// <summary>
/// <c>GET /healthz/live</c> (and <c>/healthz</c>, as before): 200 <c>{"status":"ok"}</c> while the process serves,
/// touching nothing else. <c>GET /healthz/ready</c>: 200 <c>{"status":"ready",…}</c> when every check passes, else 503
/// <c>{"status":"degraded","failed":[names],…}</c>. The checks (<see cref="ReadinessReport"/>): the store reachable and
/// migrated, the scheduler started, each portal's last successful sync within <c>Health:MaxSyncAge</c>, each SMTP relay
/// reachable, and each portal's latest sync pass succeeded (<c>portal:KEY</c>, with its last success, last failure and
/// failures in a row). No error text (it is unauthenticated); the log has that.
/// </summary>
public static class HealthEndpoints
{
    public const string LiveRoute = "/healthz/live";
    public const string ReadyRoute = "/healthz/ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(LiveRoute, Live);
        app.MapGet(ReadyRoute, async (PortalHealth health, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var report = services.GetService<ReadinessReport>();
            var checks = report is null ? [] : await report.RunAsync(cancellationToken);
            return Ready(health.Snapshot(), checks);
        });
        return app;
    }

    public static IResult Live() => TypedResults.Ok(new { status = "ok" });

    public static IResult Ready(IReadOnlyList<PortalHealthEntry> portals) => Ready(portals, []);

    public static IResult Ready(IReadOnlyList<PortalHealthEntry> portals, IReadOnlyList<ReadinessResult> checks)
    {
        ArgumentNullException.ThrowIfNull(portals);
        ArgumentNullException.ThrowIfNull(checks);
        var all = checks.Concat(portals.Select(p => new ReadinessResult("portal:" + p.Portal, p.Healthy,
            p.Healthy ? "last pass succeeded" : $"{p.ConsecutiveFailures} failed passes in a row"))).ToList();
        var ready = all.All(c => c.Ready);
        var body = new
        {
            status = ready ? "ready" : "degraded",
            failed = all.Where(c => !c.Ready).Select(c => c.Name),
            checks = all.Select(c => new { name = c.Name, ready = c.Ready, detail = c.Detail }),
            portals = portals.Select(p => new
            {
                portal = p.Portal, healthy = p.Healthy, last_success = p.LastSuccess, last_failure = p.LastFailure, consecutive_failures = p.ConsecutiveFailures,
            }),
        };
        return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
