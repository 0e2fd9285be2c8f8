namespace Connector.Reports;

/// <summary>
/// A send key's figures, for all its messages or one recipient domain (nominal for Dapper; SQLite's long). A message is
/// one ledger row. Openers and clickers count messages (unique), opens and clicks count hits (total); Human* leave out
/// machine hits (proxies, scanners, hits seconds after delivery), the others are raw. A message's bounce is its worst one
/// (hard, policy, soft), so the three add up to the bounced messages.
/// </summary>
public sealed record ReportFigures
{
    /// <summary>The recipient domain (lower case); empty for the totals.</summary>
    public string Domain { get; init; } = "";

    public long Messages { get; init; }

    public long Sent { get; init; }

    /// <summary>Sent and not bounced.</summary>
    public long Delivered { get; init; }

    public long BouncedHard { get; init; }

    public long BouncedSoft { get; init; }

    public long BouncedPolicy { get; init; }

    public long Complaints { get; init; }

    public long Unsubscribes { get; init; }

    public long HumanOpeners { get; init; }

    /// <summary>Messages a human read: a human open, or a human click (a click proves the open its blocked images did not show).</summary>
    public long HumanReaders { get; init; }

    public long Openers { get; init; }

    public long HumanOpens { get; init; }

    public long Opens { get; init; }

    public long HumanClickers { get; init; }

    public long Clickers { get; init; }

    public long HumanClicks { get; init; }

    public long Clicks { get; init; }

    public long Bounced => BouncedHard + BouncedSoft + BouncedPolicy;

    /// <summary>
    /// Click-to-open rate: unique human clickers per message a human read (<see cref="HumanReaders"/>: a click counts as
    /// an open, as the ESPs count it, so the rate never exceeds 100 % when images are blocked); null when nobody read it.
    /// </summary>
    public double? ClickToOpen => HumanReaders == 0 ? null : (double)HumanClickers / HumanReaders;

    public static ReportFigures Sum(IEnumerable<ReportFigures> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Aggregate(new ReportFigures(), (a, b) => new ReportFigures
        {
            Messages = a.Messages + b.Messages, Sent = a.Sent + b.Sent, Delivered = a.Delivered + b.Delivered,
            BouncedHard = a.BouncedHard + b.BouncedHard, BouncedSoft = a.BouncedSoft + b.BouncedSoft, BouncedPolicy = a.BouncedPolicy + b.BouncedPolicy,
            Complaints = a.Complaints + b.Complaints, Unsubscribes = a.Unsubscribes + b.Unsubscribes,
            HumanOpeners = a.HumanOpeners + b.HumanOpeners, HumanReaders = a.HumanReaders + b.HumanReaders, Openers = a.Openers + b.Openers, HumanOpens = a.HumanOpens + b.HumanOpens, Opens = a.Opens + b.Opens,
            HumanClickers = a.HumanClickers + b.HumanClickers, Clickers = a.Clickers + b.Clickers, HumanClicks = a.HumanClicks + b.HumanClicks, Clicks = a.Clicks + b.Clicks,
        });
    }
}
