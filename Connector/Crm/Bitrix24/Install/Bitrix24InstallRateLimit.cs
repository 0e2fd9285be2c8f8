using System.Threading.RateLimiting;
using Connector.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// Per-client limit on <c>POST /b24/install</c> (ASP.NET Core's rate limiting middleware): every unauthenticated
/// attempt costs a call to the OAuth server, so one address gets <c>App:InstallRateLimit:PermitLimit</c> attempts
/// (default 10) per <c>App:InstallRateLimit:Window</c> (default 1 minute), then 429 until the window turns.
/// The client is the TCP peer; behind a reverse proxy all clients share the proxy's address.
/// </summary>
public static class Bitrix24InstallRateLimit
{
    public const string Policy = "bitrix24-install";
    public const string Section = "App:InstallRateLimit";

    /// <summary>The policy, configured from the bound, validated <see cref="AppOptions"/> when the middleware first needs it.</summary>
    public static IServiceCollection AddBitrix24InstallRateLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AppOptions>>((options, app) => Configure(options, app.Value.InstallRateLimit));
        return services;
    }

    /// <summary>The middleware; endpoints opt in with <c>RequireRateLimiting(Policy)</c> (only the install route does).</summary>
    public static IApplicationBuilder UseBitrix24InstallRateLimit(this IApplicationBuilder app) => app.UseRateLimiter();

    private static void Configure(RateLimiterOptions options, InstallRateLimitOptions limit)
    {
        var (permits, window) = (limit.PermitLimit, limit.Window);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Bitrix24InstallRateLimit))
                .LogWarning("Install from {Client} refused (429): more than {Permits} attempts in {Window}",
                    LogText.Safe(context.HttpContext.Connection.RemoteIpAddress?.ToString(), 64), permits, window);
            return ValueTask.CompletedTask;
        };
        options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }
}
