using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// The one "bitrix24" pipeline, outermost first: operating-limit retry (once, after the method's block) →
/// retry with backoff → gate (operating budget + leaky bucket, per attempt) → attempt timeout → body buffering.
/// Retry decisions by error code: QUERY_LIMIT_EXCEEDED is refused before execution and always retried; network
/// errors, timeouts and code-less 5xx only for idempotent calls (a repeated crm.deal.add would create a second deal);
/// a 2xx whose body is not JSON (truncated) only for reads and batches of reads only (<see cref="Bitrix24ReadOnlyMethods"/>);
/// never 4xx, OVERLOAD_LIMIT or auth errors.
/// </summary>
public static class Bitrix24Resilience
{
    public const string PipelineName = "bitrix24";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<Bitrix24ClientOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var meters = services.GetRequiredService<Bitrix24Meters>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Bitrix24Resilience));
        builder.TimeProvider = timeProvider;

        builder
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "OperatingLimitRetry",
                MaxRetryAttempts = 1,
                // No delay here: the gate holds the retry until the method's operating block ends.
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = args => ValueTask.FromResult(IsOperatingLimit(args.Context)),
                OnRetry = args => OnRetryAsync(args.Context, args.AttemptNumber, meters, logger),
            })
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Retry",
                MaxRetryAttempts = options.RetryCount,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(options, args.AttemptNumber)),
                OnRetry = args => OnRetryAsync(args.Context, args.AttemptNumber, meters, logger),
            })
            .AddStrategy(
                strategyContext => new Bitrix24GateStrategy(
                    services.GetRequiredService<Bitrix24LeakyBucket>(),
                    services.GetRequiredService<Bitrix24OperatingBudget>(),
                    meters,
                    strategyContext.TimeProvider),
                new Bitrix24StrategyOptions("Gate"))
            .AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = options.AttemptTimeout })
            .AddStrategy(_ => new Bitrix24BufferStrategy(), new Bitrix24StrategyOptions("Buffer"));
    }

    /// <summary>The retry decision; <see cref="Bitrix24AnswerFacts"/> were left in the context by the gate.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var idempotent = context.GetRequestMessage() is { } request && Bitrix24RequestOptions.GetCall(request).Idempotent;
        if (outcome.Exception is { } exception)
        {
            return idempotent && exception is TimeoutRejectedException or HttpRequestException;
        }

        if (!context.Properties.TryGetValue(Bitrix24GateStrategy.Facts, out var facts) || facts is null)
        {
            return false;
        }

        if (facts.Is(Bitrix24Error.QueryLimitExceeded))
        {
            return true;
        }

        // A 200 cut off on the way: a read (or a batch of reads only) is asked again, whatever the caller said;
        // a write may have run, so its broken answer is never repeated.
        if (facts.Unreadable)
        {
            return context.GetRequestMessage() is { } read && Bitrix24RequestOptions.GetCall(read).ReadOnly;
        }

        var codeless = string.IsNullOrEmpty(facts.ErrorCode) || facts.Is("INTERNAL_SERVER_ERROR");
        return idempotent && facts.HttpStatus >= 500 && codeless;
    }

    /// <summary>base × 2^attempt, ±jitter (JS SDK: exponential backoff with jitter).</summary>
    public static TimeSpan Backoff(Bitrix24ClientOptions options, int attemptNumber)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attemptNumber);
#pragma warning disable CA5394 // Jitter, not security.
        var jitter = 1 + (options.RetryJitter * ((Random.Shared.NextDouble() * 2) - 1));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(exponential * jitter);
    }

    private static bool IsOperatingLimit(ResilienceContext context) =>
        context.Properties.TryGetValue(Bitrix24GateStrategy.Facts, out var facts)
        && facts is not null
        && (facts.HttpStatus == 429 || facts.Is(Bitrix24Error.OperationTimeLimit));

    private static ValueTask OnRetryAsync(ResilienceContext context, int attemptNumber, Bitrix24Meters meters, ILogger logger)
    {
        if (context.GetRequestMessage() is { } request)
        {
            var portal = Bitrix24RequestOptions.GetPortal(request);
            var facts = context.Properties.TryGetValue(Bitrix24GateStrategy.Facts, out var f) ? f : null;
            meters.Retry(portal.Key);
            // Debug: retries are counted (meters, the sync summary); a portal that keeps failing must not log a line per retry.
            logger.LogDebug(
                "Bitrix24 {Portal}: retrying {Method} (retry {Attempt}, last answer {Status} {Code})",
                portal.Key, Bitrix24RequestOptions.GetCall(request).Method, attemptNumber + 1, facts?.HttpStatus, facts?.ErrorCode);
        }

        return ValueTask.CompletedTask;
    }
}
