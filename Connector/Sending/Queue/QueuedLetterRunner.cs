using Connector.Sending.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Connector.Sending.Queue;

/// <summary>
/// Serve's runner of queued letters: a <see cref="SendRunner"/> (leases, at most once, domain rates, warm-up, the
/// frequency cap with transactional mail exempt) over the rows that have a stored letter only
/// (<see cref="SendRunnerOptions.QueuedOnly"/>; a campaign row's letter lives in its CLI run's memory and is never
/// touched here), rendering with <see cref="StoredLetterSource"/>. A pass runs when a letter is queued
/// (<see cref="QueuedLetterSignal"/>) or every <see cref="QueuedLetterRunnerOptions.PollIntervalSeconds"/> when the
/// store holds a due row; it waits quietly while sending is not configured. Stops with the host (its unsent
/// reservations go back to the queue).
/// </summary>
public sealed partial class QueuedLetterRunner(
    SendingSetupSource setups, SendLedgerStore ledger, QueuedLetterStore letters, StoredLetterSource source, QueuedLetterSignal signal,
    IOptions<QueuedLetterRunnerOptions> options, IConfiguration configuration, TimeProvider time, ILogger<QueuedLetterRunner> logger) : BackgroundService
{
    private SendRunner? _runner;
    private string? _problem;

    /// <summary>Passes that sent or settled rows since start (tests wait on it).</summary>
    public int Passes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await PassAsync(stoppingToken);
                await signal.WaitAsync(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host stops; SendRunner released its reservations.
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            if ((_runner ??= await CreateAsync(cancellationToken)) is not { } runner || !await letters.AnyDueAsync(time.GetUtcNow(), cancellationToken))
            {
                return;
            }

            var summary = await runner.RunAsync(cancellationToken);
            Passes++;
            LogPass(summary.Sent, summary.Deferred, summary.Failed, summary.Suppressed, summary.Expired, summary.Unknown);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            // A busy or failing store or relay: the rows stay queued (or are settled by the next reservation); next pass.
            LogPassFailed(ex.GetType().Name, Web.LogText.Safe(ex.Message));
        }
    }

    private async Task<SendRunner?> CreateAsync(CancellationToken cancellationToken)
    {
        var (setup, problem) = await setups.GetAsync(cancellationToken);
        if (setup is null)
        {
            if (problem != _problem)
            {
                _problem = problem;
                LogNotConfigured(problem ?? "unknown");
            }

            return null;
        }

        var stages = SendRunnerOptions.StagesFrom(configuration);
        return new SendRunner(ledger, () => setup.CreateComposer(time, stages), setup.Transport, source, time, new SendRunnerOptions
        {
            Workers = options.Value.Workers, Stages = stages, QueuedOnly = true, SenderDomain = setup.Settings.FromDomain,
            RunnerId = $"serve-{Guid.NewGuid():N}", Cap = FrequencyCap.From(configuration),
            Quiet = SendSettingKeys.QuietFrom(configuration), QuietZone = SendSettingKeys.QuietZoneFrom(configuration), DefaultZone = SendSettingKeys.DefaultZoneFrom(configuration), WarmUp = WarmUpPlan.From(configuration),
            Rates = RateLimits.From(configuration, time), RetryUnknownTransactional = SendRunnerOptions.RetryUnknownFrom(configuration),
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending: queued letters are not sent while sending is not configured: {Problem}")]
    private partial void LogNotConfigured(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending: queued letters: {Sent} sent, {Deferred} deferred, {Failed} failed, {Suppressed} suppressed, {Expired} expired, {Unknown} unknown")]
    private partial void LogPass(int sent, int deferred, int failed, int suppressed, int expired, int unknown);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending: a pass over queued letters failed ({Kind}: {Problem}); trying again at the next pass")]
    private partial void LogPassFailed(string kind, string problem);
}
