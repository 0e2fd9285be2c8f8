using Microsoft.Extensions.Options;

namespace Connector.Operations.Health;

/// <summary>Runs every registered check side by side, each bounded by <c>Health:CheckTimeout</c> (a check that overruns fails as <c>timed out</c>).</summary>
public sealed class ReadinessReport(IEnumerable<IReadinessCheck> checks, IOptions<HealthOptions> options)
{
    private readonly IReadOnlyList<IReadinessCheck> _checks = checks.ToList();

    public async Task<IReadOnlyList<ReadinessResult>> RunAsync(CancellationToken cancellationToken)
    {
        var runs = _checks.Select(check => RunOneAsync(check, cancellationToken));
        return (await Task.WhenAll(runs)).SelectMany(r => r).ToList();
    }

    private async Task<IReadOnlyList<ReadinessResult>> RunOneAsync(IReadinessCheck check, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.CheckTimeout);
        try
        {
            return await check.CheckAsync(bounded.Token).WaitAsync(options.Value.CheckTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [new ReadinessResult(check.Name, false, "timed out")];
        }
    }
}
