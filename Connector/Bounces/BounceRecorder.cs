using Connector.Sending.Ledger;
using Microsoft.Extensions.Options;

namespace Connector.Bounces;

/// <summary>
/// Records a notice in <c>bounce_events</c> and suppresses through Sending's suppression list
/// (<see cref="SendLedgerStore.SuppressAsync"/>): a complaint (reason <c>complaint</c>) and a hard bounce
/// (<c>hard_bounce</c>) at once, soft bounces when <c>Bounces:SoftBounceLimit</c> of them came in a row (reason
/// <c>soft_bounces</c>, source naming the count), policy never. Only a
/// notice matched to a ledger row suppresses. The suppression is applied again for a notice recorded before, so a
/// crash between the two writes loses nothing when the message is fetched again.
/// </summary>
public sealed class BounceRecorder(BounceEventStore events, BounceLedger ledger, SendLedgerStore suppressions, IOptions<BounceIntakeOptions> options)
{
    public async Task<BounceRecordResult> RecordAsync(BounceNotice notice, string source, string? sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var recorded = await events.RecordAsync(notice, source, sourceId, cancellationToken) is not null;
        if (recorded)
        {
            Operations.Telemetry.ConnectorTelemetry.Bounced(notice.Kind.ToString().ToLowerInvariant());
        }

        if (notice.LedgerId is not { } ledgerId)
        {
            return new BounceRecordResult(recorded, false);
        }

        var (reason, why) = notice.Kind switch
        {
            BounceKind.Hard => ("hard_bounce", $"{source}: hard bounce {notice.Status}"),
            BounceKind.Complaint => ("complaint", $"{source}: complaint"),
            BounceKind.Soft when await SoftLimitReachedAsync(notice, ledgerId, cancellationToken) is { } count => ("soft_bounces", $"{source}: {count} soft bounces in a row"),
            _ => (null, null),
        };
        var suppressed = reason is not null && await suppressions.SuppressAsync(notice.Recipient, reason, why, cancellationToken);
        return new BounceRecordResult(recorded, suppressed);
    }

    private async Task<int?> SoftLimitReachedAsync(BounceNotice notice, long ledgerId, CancellationToken cancellationToken)
    {
        if (await ledger.RowAsync(ledgerId, cancellationToken) is not { } row)
        {
            return null;
        }

        var count = await events.SoftStreakAsync(notice.Recipient, row.ContactId, cancellationToken);
        return count >= options.Value.SoftBounceLimit ? count : null;
    }
}
