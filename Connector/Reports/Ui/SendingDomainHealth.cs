using Connector.Domains;
using Connector.Sending.Settings;
using Microsoft.Extensions.Options;

namespace Connector.Reports.Ui;

/// <summary>
/// The sending domain's DNS check (<see cref="DomainChecker"/> on <c>Sender:FromAddress</c>'s domain) for the dashboard:
/// remembered for <see cref="Lifetime"/> so opening the dashboard costs DNS at most that often, and bounded by
/// <see cref="Budget"/> so a slow resolver never holds the page (then nothing is reported until a check completes).
/// </summary>
public sealed class SendingDomainHealth(DomainChecker checker, IOptions<SenderOptions> sender, TimeProvider time, ILogger<SendingDomainHealth> logger) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DomainCheckReport? Report, DateTimeOffset At)? _last;

    /// <summary>The sending domain, or null when no From address is configured.</summary>
    public string? Domain => sender.Value.FromAddress is { } from && from.LastIndexOf('@') is var at and >= 0 ? from[(at + 1)..].Trim().ToLowerInvariant() : null;

    /// <summary>The latest check (null when there is no sending domain or no check has completed in time).</summary>
    public async Task<DomainCheckReport?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Domain is not { Length: > 0 } domain)
        {
            return null;
        }

        if (_last is { } last && time.GetUtcNow() - last.At < Lifetime)
        {
            return last.Report;
        }

        if (!await _gate.WaitAsync(Budget, cancellationToken))
        {
            return _last?.Report;
        }

        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(Budget);
            var report = await checker.CheckAsync(domain, bounded.Token);
            _last = (report, time.GetUtcNow());
            return report;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The DNS check of {Domain} did not finish within {Seconds} s; the dashboard shows no DNS warning until one does", domain, Budget.TotalSeconds);
            return _last?.Report;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
