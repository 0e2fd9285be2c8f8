using Polly;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Runs around every single attempt. It sits inside both retries so that retries, too, wait for the method's
/// operating budget and take a place in the portal's leaky bucket (a retry that skipped the bucket could itself
/// provoke QUERY_LIMIT_EXCEEDED), and outside the attempt timeout so that waiting here is not mistaken for a slow portal.
/// After the attempt it reads the answer once: counters, full bucket on 503, operating times and 429 blocks.
/// </summary>
public sealed class Bitrix24GateStrategy(
    Bitrix24LeakyBucket bucket, Bitrix24OperatingBudget budget, Bitrix24Meters meters, TimeProvider timeProvider)
    : ResilienceStrategy<HttpResponseMessage>
{
    public static readonly ResiliencePropertyKey<Bitrix24AnswerFacts?> Facts = new("Bitrix24.AnswerFacts");

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        var request = context.GetRequestMessage()
            ?? throw new InvalidOperationException("The bitrix24 pipeline runs only inside its HTTP resilience handler.");
        var portal = Bitrix24RequestOptions.GetPortal(request);
        var call = Bitrix24RequestOptions.GetCall(request);
        context.Properties.Set(Facts, null);

        var operatingDelay = budget.DelayFor(portal.Key, call.BudgetMethods);
        var limiterDelay = TimeSpan.Zero;
        try
        {
            if (operatingDelay > TimeSpan.Zero)
            {
                await Task.Delay(operatingDelay, timeProvider, context.CancellationToken);
            }

            limiterDelay = bucket.Reserve(portal.Key);
            if (limiterDelay > TimeSpan.Zero)
            {
                meters.LimiterWaited(portal.Key, limiterDelay);
                await Task.Delay(limiterDelay, timeProvider, context.CancellationToken);
            }
        }
        catch (OperationCanceledException ex)
        {
            if (limiterDelay > TimeSpan.Zero)
            {
                bucket.Release(portal.Key);
            }

            return Outcome.FromException<HttpResponseMessage>(ex);
        }

        meters.Request(portal.Key);
        var outcome = await callback(context, state);
        if (outcome.Result is { } response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(context.CancellationToken);
            context.Properties.Set(Facts, Bitrix24AnswerReader.Read(portal, call, (int)response.StatusCode, body, bucket, budget, meters));
        }

        return outcome;
    }
}
