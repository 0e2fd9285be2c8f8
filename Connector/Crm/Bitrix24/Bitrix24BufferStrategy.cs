using Polly;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Innermost strategy: reads the whole body while the per-attempt timeout still applies, so a portal that sends
/// headers and then stalls counts as a timeout, and the gate and the client can read the body more than once.
/// </summary>
public sealed class Bitrix24BufferStrategy : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        var outcome = await callback(context, state);
        if (outcome.Result is not { } response)
        {
            return outcome;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(context.CancellationToken);
            return outcome;
        }
#pragma warning disable CA1031 // A strategy reports failures as outcomes; the retry and the client classify them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            response.Dispose();
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }
}
