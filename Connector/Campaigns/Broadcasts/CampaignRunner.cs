using Connector.Campaigns.Experiments;
using Connector.Segments;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Queue;
using Connector.Store;

namespace Connector.Campaigns.Broadcasts;

/// <summary>
/// The campaign steps serve's <see cref="CampaignJob"/> runs, each idempotent against the campaign's tables and the
/// ledger: launch (the frozen segment resolved into the audience, in a fixed pseudo-random order), queue a page of
/// recipients through <see cref="ISendQueue"/> (send key <c>scheduled-campaign:ID</c> + recipient: a re-run finds the
/// rows already there), the A/B decision after the test wait (<see cref="TwoProportionTest"/>), bandit waves
/// (<see cref="ThompsonAllocator"/>), completion. Pause holds the unsent rows in the ledger, resume releases them at
/// the next window opening, cancel settles them as cancelled.
/// </summary>
public sealed class CampaignRunner(
    CampaignStore store, SegmentEvaluator segments, SegmentQueries queries, ISendQueue queue, SendLedgerStore ledger, SendTimeHours hours, CampaignZones zones,
    ThompsonAllocator bandit, TimeProvider time)
{
    public const int PageSize = 1000;

    /// <summary>Every due campaign one step further; how many steps ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var steps = 0;
        foreach (var campaign in await store.DueAsync(time.GetUtcNow(), cancellationToken))
        {
            await StepAsync(campaign.Id, cancellationToken);
            steps++;
        }

        return steps;
    }

    public async Task StepAsync(long id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } campaign)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (campaign.State == CampaignState.Scheduled && UtcText.Parse(campaign.LaunchAt) <= now)
        {
            await LaunchAsync(campaign, cancellationToken);
            return;
        }

        if (campaign.State != CampaignState.Running)
        {
            return;
        }

        var variants = await store.VariantsAsync(id, cancellationToken);
        switch (campaign.Phase)
        {
            case CampaignState.PhaseTest:
                await TestAsync(campaign, variants, cancellationToken);
                break;
            case CampaignState.PhaseWaves:
                await WaveAsync(campaign, variants, cancellationToken);
                break;
            case CampaignState.PhaseRest:
                await RestAsync(campaign, variants, cancellationToken);
                break;
            case CampaignState.PhaseDone:
                await CompleteAsync(campaign, cancellationToken);
                break;
        }
    }

    public async Task<(bool Changed, int Rows)> PauseAsync(long id, CancellationToken cancellationToken)
    {
        if (!await store.SetStateAsync(id, CampaignState.Paused, [CampaignState.Scheduled, CampaignState.Running], cancellationToken))
        {
            return (false, 0);
        }

        return (true, await ledger.HoldAsync(CampaignStore.SendKeyOf(id), cancellationToken));
    }

    public async Task<(bool Changed, int Rows)> ResumeAsync(long id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } campaign)
        {
            return (false, 0);
        }

        var state = campaign.Audience is null ? CampaignState.Scheduled : CampaignState.Running;
        if (!await store.SetStateAsync(id, state, [CampaignState.Paused], cancellationToken))
        {
            return (false, 0);
        }

        var held = await ledger.HeldAsync(campaign.SendKey, cancellationToken);
        var now = time.GetUtcNow();
        var released = 0;
        foreach (var page in held.Chunk(PageSize))
        {
            var zonesOf = await ZonesAsync(campaign, page.Select(r => r.ContactId).ToList(), cancellationToken);
            released += await ledger.ReleaseAsync(page.Select(r =>
            {
                var due = UtcText.Parse(r.DueAt);
                return (r.Id, CampaignSchedule.NotBefore(now, due, campaign.Window, zonesOf(r.ContactId), null));
            }).ToList(), cancellationToken);
        }

        return (true, released);
    }

    public async Task<(bool Changed, int Rows)> CancelAsync(long id, CancellationToken cancellationToken)
    {
        if (!await store.SetStateAsync(id, CampaignState.Cancelled, [CampaignState.Scheduled, CampaignState.Running, CampaignState.Paused], cancellationToken))
        {
            return (false, 0);
        }

        await store.SetPhaseAsync(id, CampaignState.PhaseDone, null, cancellationToken);
        return (true, await ledger.CancelAsync(CampaignStore.SendKeyOf(id), "cancelled with campaign " + id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken));
    }

    private async Task LaunchAsync(CampaignRow campaign, CancellationToken cancellationToken)
    {
        var prepared = await segments.PrepareAsync(campaign.SegmentExpression, cancellationToken);
        if (prepared.Sql is not { } sql)
        {
            // Validated at create; a saved segment it names may have changed since. Nothing is sent.
            await store.SetStateAsync(campaign.Id, CampaignState.Cancelled, [CampaignState.Scheduled], cancellationToken);
            return;
        }

        var ids = new List<long>();
        await foreach (var contact in queries.ContactIdsAsync(campaign.PortalId, sql, cancellationToken))
        {
            ids.Add(contact);
        }

        // A fixed pseudo-random order (the test share and the waves take a fair sample), the same on every re-run.
        var ordered = ids.OrderBy(c => Mix(campaign.Id, c)).ThenBy(c => c).ToList();
        var phase = campaign.Mode switch { CampaignMode.Ab => CampaignState.PhaseTest, CampaignMode.Bandit => CampaignState.PhaseWaves, _ => CampaignState.PhaseRest };
        if (await store.LaunchAsync(campaign.Id, ordered, phase, cancellationToken))
        {
            await StepAsync(campaign.Id, cancellationToken);
        }
    }

    private async Task TestAsync(CampaignRow campaign, IReadOnlyList<CampaignVariant> variants, CancellationToken cancellationToken)
    {
        var testSize = TestSize(campaign);
        var pending = await store.UnqueuedAsync(campaign.Id, testSize, int.MaxValue, cancellationToken);
        if (pending.Count > 0)
        {
            // Even split, deterministic per recipient: its place in the fixed order.
            if (!await QueueAsync(campaign, variants, pending.Select(r => r with { Variant = variants[(int)(r.Position % variants.Count)].Name }).ToList(), cancellationToken))
            {
                return;
            }

            await store.SetPhaseAsync(campaign.Id, CampaignState.PhaseTest, time.GetUtcNow() + TimeSpan.FromSeconds(campaign.TestWaitSeconds ?? 0), cancellationToken);
            return;
        }

        var counts = await CountsAsync(campaign, variants, testSize, cancellationToken);
        var verdict = TwoProportionTest.Decide(counts, metric: campaign.WinnerBy);
        await store.SetPhaseAsync(campaign.Id, CampaignState.PhaseRest, time.GetUtcNow(), cancellationToken, verdict.Winner ?? "", verdict);
    }

    private async Task WaveAsync(CampaignRow campaign, IReadOnlyList<CampaignVariant> variants, CancellationToken cancellationToken)
    {
        var waveSize = (int)Math.Max(1, Math.Ceiling((campaign.Audience ?? 0) * (campaign.WaveShare ?? 10) / 100.0));
        var wave = await store.UnqueuedAsync(campaign.Id, null, waveSize, cancellationToken);
        if (wave.Count == 0)
        {
            await store.SetPhaseAsync(campaign.Id, CampaignState.PhaseDone, time.GetUtcNow(), cancellationToken);
            return;
        }

        var counts = await CountsAsync(campaign, variants, null, cancellationToken);
        var allocation = bandit.Allocate(counts, wave.Count);
        var names = allocation.SelectMany((n, i) => Enumerable.Repeat(variants[i].Name, n)).ToList();
        if (await QueueAsync(campaign, variants, wave.Select((r, i) => r with { Variant = names[i] }).ToList(), cancellationToken))
        {
            await store.SetPhaseAsync(campaign.Id, CampaignState.PhaseWaves, time.GetUtcNow() + TimeSpan.FromSeconds(campaign.WaveEverySeconds ?? 3600), cancellationToken);
        }
    }

    private async Task RestAsync(CampaignRow campaign, IReadOnlyList<CampaignVariant> variants, CancellationToken cancellationToken)
    {
        var after = -1L;
        while (await store.UnqueuedAsync(campaign.Id, null, PageSize, cancellationToken, after) is { Count: > 0 } page)
        {
            after = page[^1].Position;
            // The A/B winner for all; with no winner an even split; no variants: the campaign's letter.
            var chosen = page.Select(r => r with
            {
                Variant = variants.Count == 0 ? null : campaign.Winner is { Length: > 0 } winner ? winner : variants[(int)(r.Position % variants.Count)].Name,
            }).ToList();
            if (!await QueueAsync(campaign, variants, chosen, cancellationToken))
            {
                return;
            }
        }

        await store.SetPhaseAsync(campaign.Id, CampaignState.PhaseDone, time.GetUtcNow(), cancellationToken);
    }

    private async Task CompleteAsync(CampaignRow campaign, CancellationToken cancellationToken)
    {
        var (outcomes, _) = await store.OutcomesAsync(campaign.Id, cancellationToken);
        var open = new[] { LedgerState.Queued, LedgerState.Deferred, LedgerState.Sending, LedgerState.Held }.Sum(s => outcomes.GetValueOrDefault(s));
        if (open == 0)
        {
            await store.SetStateAsync(campaign.Id, CampaignState.Completed, [CampaignState.Running], cancellationToken);
            await store.SetPhaseAsync(campaign.Id, CampaignState.PhaseDone, null, cancellationToken);
        }
        else
        {
            await store.SetPhaseAsync(campaign.Id, CampaignState.PhaseDone, time.GetUtcNow() + TimeSpan.FromMinutes(1), cancellationToken);
        }
    }

    // One page through the send queue, then recorded; false when the campaign was paused or cancelled meanwhile (what was
    // queued is then held or cancelled like the rest).
    private async Task<bool> QueueAsync(CampaignRow campaign, IReadOnlyList<CampaignVariant> variants, IReadOnlyList<CampaignRecipient> recipients, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var launch = UtcText.Parse(campaign.LaunchAt);
        foreach (var page in recipients.Chunk(PageSize))
        {
            var contacts = page.Select(r => r.ContactId).ToList();
            var zoneOf = await ZonesAsync(campaign, contacts, cancellationToken);
            var preferred = campaign.SendTimeOptimised == 1 ? await hours.PreferredUtcHoursAsync(campaign.PortalId, contacts, cancellationToken) : new Dictionary<long, int>();
            var letters = page.Select(r =>
            {
                var zone = zoneOf(r.ContactId);
                var start = campaign.LocalAt is { } wall
                    ? CampaignSchedule.WallClockIn(DateTime.Parse(wall, System.Globalization.CultureInfo.InvariantCulture), zone)
                    : launch;
                var variant = variants.FirstOrDefault(v => v.Name == r.Variant);
                return new QueuedLetter
                {
                    PortalId = campaign.PortalId, SendKey = campaign.SendKey, TemplateName = variant?.TemplateName ?? campaign.TemplateName, Kind = MailKind.Campaign,
                    ContactId = r.ContactId, ListName = campaign.Name, Subject = variant?.Subject,
                    FromAddress = variant?.FromAddress, FromName = variant?.FromName,
                    NotBefore = CampaignSchedule.NotBefore(now, start, campaign.Window, zone, preferred.TryGetValue(r.ContactId, out var h) ? h : null),
                    Ttl = campaign.ExpireAfterSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : null,
                };
            }).ToList();
            var results = await queue.EnqueueManyAsync(letters, cancellationToken);
            await store.RecordAsync(campaign.Id, page.Select((r, i) => (r.Position, r.Variant, results[i].LedgerRowId, results[i].LedgerRowId is null ? results[i].Refused ?? "refused" : null)).ToList(),
                cancellationToken);
            if (await store.FindAsync(campaign.Id, cancellationToken) is not { State: CampaignState.Running })
            {
                var state = (await store.FindAsync(campaign.Id, cancellationToken))?.State;
                if (state == CampaignState.Paused)
                {
                    await ledger.HoldAsync(campaign.SendKey, cancellationToken);
                }
                else if (state == CampaignState.Cancelled)
                {
                    await ledger.CancelAsync(campaign.SendKey, "cancelled with campaign " + campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                }

                return false;
            }
        }

        return true;
    }

    private async Task<IReadOnlyList<VariantCounts>> CountsAsync(CampaignRow campaign, IReadOnlyList<CampaignVariant> variants, long? belowPosition, CancellationToken cancellationToken)
    {
        var stats = (await store.StatsAsync(campaign.Id, belowPosition, cancellationToken)).ToDictionary(s => s.Variant, StringComparer.Ordinal);
        return variants.Select(v => stats.TryGetValue(v.Name, out var s)
            ? new VariantCounts(v.Name, s.Delivered, campaign.WinnerBy == "clicks" ? s.Clicks : s.Opens)
            : new VariantCounts(v.Name, 0, 0)).ToList();
    }

    private async Task<Func<long, TimeZoneInfo>> ZonesAsync(CampaignRow campaign, IReadOnlyCollection<long> contacts, CancellationToken cancellationToken)
    {
        var portal = await zones.PortalAsync(campaign.PortalId, cancellationToken);
        if (campaign.LocalTime == 0)
        {
            return _ => portal;
        }

        var fields = await store.ContactFieldsAsync(campaign.PortalId, contacts, cancellationToken);
        return id => fields.TryGetValue(id, out var f) ? zones.OfContact(f, portal) : portal;
    }

    private static long TestSize(CampaignRow campaign) => (long)Math.Ceiling((campaign.Audience ?? 0) * (campaign.TestShare ?? 20) / 100.0);

    // SplitMix64 over (campaign, contact): a fixed, well-spread order.
    private static ulong Mix(long campaign, long contact)
    {
        var z = unchecked(((ulong)campaign * 0x9E3779B97F4A7C15UL) ^ (ulong)contact) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
