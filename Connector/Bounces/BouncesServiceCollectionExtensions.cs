using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Bounces;

/// <summary>
/// The Bounces slice: reads DSNs, ARF complaints and automatic replies from the bounce mailbox (IMAP, POP3) and relay
/// notices from <c>POST /hooks/bounces</c>, records them in <c>bounce_events</c> (its only writer) and suppresses
/// through Sending's suppression list. It never writes CRM timeline entries (the write-back reads bounce_events).
/// </summary>
public static class BouncesServiceCollectionExtensions
{
    public const string HookRoute = "/hooks/bounces";

    /// <summary><c>Bounces:Imap:*</c>, <c>Bounces:Pop3:*</c>, <c>Bounces:FetchInterval</c>, <c>Bounces:SoftBounceLimit</c>, <c>Bounces:HookSecret</c> bound and validated at start.</summary>
    public static IServiceCollection AddBounceOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BounceIntakeOptions>().Bind(configuration.GetSection(BounceIntakeOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BounceIntakeOptions>, BounceIntakeOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddBounces(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBounceOptions(configuration);
        services.TryAddSingleton<BounceEventStore>();
        services.TryAddSingleton<BounceLedger>();
        services.TryAddSingleton<BounceTokens>();
        services.TryAddSingleton<BounceMatcher>();
        services.TryAddSingleton<DsnReader>();
        services.TryAddSingleton<FeedbackReportReader>();
        services.TryAddSingleton<BounceMessageReader>();
        services.TryAddSingleton<BounceRecorder>();
        services.TryAddSingleton<BounceMailboxes>();
        services.TryAddSingleton<BounceFetcher>();
        services.TryAddSingleton<BounceHook>();
        return services;
    }

    /// <summary>The fetch job on the host's one scheduler, every <c>Bounces:FetchInterval</c>, when a mailbox is configured.</summary>
    public static IQuartzBuilder AddBounceJobs(this IQuartzBuilder quartz, BounceIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Imap.Configured || options.Pop3.Configured)
        {
            quartz.AddJob<BounceFetchJob>(j => j.WithIdentity(BounceFetchJob.Key));
            quartz.AddTrigger(t => t.ForJob(BounceFetchJob.Key).WithIdentity("bounce-fetch-trigger", "bounces").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.FetchInterval).RepeatForever()));
        }

        return quartz;
    }

    public static IEndpointRouteBuilder MapBounces(this IEndpointRouteBuilder app)
    {
        app.MapPost(HookRoute, async (HttpRequest request, BounceHook hook, CancellationToken cancellationToken) =>
        {
            var answer = await hook.HandleAsync(request, cancellationToken);
            return Results.Json(answer.Body, statusCode: answer.Status);
        });
        return app;
    }
}
