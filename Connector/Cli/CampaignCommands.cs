using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Connector.Campaigns.Broadcasts;
using Connector.Campaigns.Experiments;
using Connector.Host;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>campaign create|list|show|pause|resume|cancel</c>: scheduled campaigns that serve's campaign job launches and
/// sends (README: Campaigns). <c>create</c> checks the campaign whole: every problem on stderr with its option, exit 2,
/// nothing stored.
/// </summary>
public static class CampaignCommands
{
    public const int Invalid = 2;

    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Command("campaign", "Scheduled campaigns to a segment, A/B and bandit tests, send-time optimisation; sent by serve (README: Campaigns)")
        {
            CreateCommand(configuration, time, sandbox), ListCommand(configuration, time, sandbox), ShowCommand(configuration, time, sandbox),
            Control("pause", "Hold the campaign's unsent letters (no runner takes them) until resume", (r, id, ct) => r.PauseAsync(id, ct), configuration, time, sandbox),
            Control("resume", "Release a paused campaign's letters (at the next window opening)", (r, id, ct) => r.ResumeAsync(id, ct), configuration, time, sandbox),
            Control("cancel", "Settle the campaign's unsent letters as cancelled (never sent) and stop it", (r, id, ct) => r.CancelAsync(id, ct), configuration, time, sandbox),
        };
    }

    private static Command CreateCommand(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var name = new Option<string?>("--name") { Description = "The campaign's name (default: the template's), shown on the CRM timeline and in reports" };
        var template = new Option<string?>("--template") { Description = "A stored template (crm-esp template save)" };
        var segment = new Option<string?>("--segment") { Description = "The audience: a segment expression (frozen now, resolved at launch)" };
        var segmentName = new Option<string?>("--segment-name") { Description = "The audience: a saved segment (its expression frozen now)" };
        var portal = SegmentCommands.PortalOption();
        var at = new Option<string?>("--at") { Description = "Launch time, ISO-8601 with an offset, or local time in the portal's zone (default: now)" };
        var window = new Option<string?>("--window") { Description = "Send only inside HH:MM-HH:MM (the portal's zone; the contact's with --local-time)" };
        var localTime = new Option<bool>("--local-time") { Description = "--at and --window in each contact's time zone" };
        var expire = new Option<string?>("--expire-after") { Description = "A letter not handed to SMTP this long after its time is expired (30m, 4h, 2d)" };
        var variant = new Option<string[]>("--variant") { Description = "NAME:subject=TEXT or NAME:template=NAME (both: joined by ;), repeated: A/B or bandit variants", AllowMultipleArgumentsPerToken = false };
        var mode = new Option<string?>("--mode") { Description = "ab (test share, wait, winner for the rest; default with variants) or bandit (Thompson-sampled waves)" };
        var testShare = new Option<int?>("--test-share") { Description = "A/B: percent of the audience in the test (1–100, default 20)" };
        var testWait = new Option<string?>("--test-wait") { Description = "A/B: wait after the test before deciding (default 4h)" };
        var winnerBy = new Option<string?>("--winner-by") { Description = "opens (default) or clicks: human ones" };
        var waveShare = new Option<int?>("--wave-share") { Description = "Bandit: percent of the audience a wave (default 10)" };
        var waveEvery = new Option<string?>("--wave-every") { Description = "Bandit: time between waves (default 1h)" };
        var sto = new Option<bool>("--send-time-optimised") { Description = "Send each contact at the hour of day they most often opened (campaign time when unknown)" };
        var json = new Option<bool>("--json") { Description = "{\"id\": N, ...} on stdout" };
        var command = new Command("create", "Validate and store a campaign; serve launches it at --at")
        {
            name, template, segment, segmentName, portal, at, window, localTime, expire, variant, mode, testShare, testWait, winnerBy, waveShare, waveEvery, sto, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var (portalId, problem) = await MirrorPortal.ResolveAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, parse.GetValue(portal), ct);
            if (portalId is not { } id)
            {
                await Console.Error.WriteLineAsync($"crm-esp: campaign create: --portal: {problem}");
                return Invalid;
            }

            var spec = new CampaignSpec
            {
                Name = parse.GetValue(name), Template = parse.GetValue(template), Segment = parse.GetValue(segment), SegmentName = parse.GetValue(segmentName),
                At = parse.GetValue(at), Window = parse.GetValue(window), LocalTime = parse.GetValue(localTime), ExpireAfter = parse.GetValue(expire),
                Variants = parse.GetValue(variant) ?? [], Mode = parse.GetValue(mode), TestShare = parse.GetValue(testShare), TestWait = parse.GetValue(testWait),
                WinnerBy = parse.GetValue(winnerBy), WaveShare = parse.GetValue(waveShare), WaveEvery = parse.GetValue(waveEvery), SendTimeOptimised = parse.GetValue(sto),
            };
            var (draft, problems) = await host.Services.GetRequiredService<CampaignValidator>().ValidateAsync(spec, id, ct);
            if (draft is null)
            {
                foreach (var p in problems)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: campaign create: {p}");
                }

                return Invalid;
            }

            var campaignId = await host.Services.GetRequiredService<CampaignStore>().CreateAsync(draft, ct);
            await Console.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { id = campaignId, state = CampaignState.Scheduled, launch_at = UtcText.From(draft.LaunchAt), mode = draft.Mode }, CliJson.Options)
                : $"campaign {campaignId.ToString(CultureInfo.InvariantCulture)} scheduled for {UtcText.From(draft.LaunchAt)} ({draft.Mode})");
            return 0;
        });
        return command;
    }

    private static Command ListCommand(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var json = new Option<bool>("--json") { Description = "A JSON array on stdout" };
        var command = new Command("list", "Campaigns: id, state, phase, mode, launch time, audience, name") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var rows = await host.Services.GetRequiredService<CampaignStore>().ListAsync(ct);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows.Select(Summary), CliJson.Options));
                return 0;
            }

            foreach (var r in rows)
            {
                await Console.Out.WriteLineAsync($"{r.Id}\t{r.State}\t{r.Phase}\t{r.Mode}\t{r.LaunchAt}\t{r.Audience?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{r.Name}".AsMemory(), ct);
            }

            return 0;
        });
        return command;
    }

    private static Command ShowCommand(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("id") { Description = "The campaign's id" };
        var json = new Option<bool>("--json") { Description = "One JSON object on stdout" };
        var command = new Command("show", "A campaign: settings, state, ledger outcomes, per-variant counts and rates, the A/B verdict with its p-value") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var store = host.Services.GetRequiredService<CampaignStore>();
            if (await store.FindAsync(parse.GetValue(id), ct) is not { } row)
            {
                await Console.Error.WriteLineAsync($"crm-esp: campaign show: no campaign {parse.GetValue(id).ToString(CultureInfo.InvariantCulture)}");
                return 1;
            }

            var variants = await store.VariantsAsync(row.Id, ct);
            var stats = await store.StatsAsync(row.Id, null, ct);
            var (ledger, refused) = await store.OutcomesAsync(row.Id, ct);
            var verdict = row.Verdict is { } v ? JsonSerializer.Deserialize<WinnerVerdict>(v) : null;
            var shown = new
            {
                summary = Summary(row), segment = row.SegmentExpression, segment_name = row.SegmentName, template = row.TemplateName, window = row.Window?.ToString(),
                local_time = row.LocalTime == 1, expire_after_seconds = row.ExpireAfterSeconds, send_time_optimised = row.SendTimeOptimised == 1,
                test_share = row.TestShare, test_wait_seconds = row.TestWaitSeconds, wave_share = row.WaveShare, wave_every_seconds = row.WaveEverySeconds, winner_by = row.WinnerBy,
                variants = variants.Select(x => new { name = x.Name, template = x.TemplateName, subject = x.Subject }),
                ledger, refused,
                counts = stats.Select(s => new
                {
                    variant = s.Variant.Length == 0 ? null : s.Variant, queued = s.Queued, sent = s.Sent, delivered = s.Delivered, human_opens = s.Opens, human_clicks = s.Clicks,
                    open_rate = Math.Round(s.OpenRate, 4), click_rate = Math.Round(s.ClickRate, 4),
                }),
                verdict = verdict is null ? null : new
                {
                    winner = verdict.Winner, p_value = verdict.PValue, alpha = verdict.Alpha, lift = verdict.Lift, reason = verdict.Reason,
                    rest = verdict.Winner is null ? "no winner: the rest is split evenly across the variants" : $"the rest gets {verdict.Winner}",
                },
            };
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(shown, CliJson.Options));
                return 0;
            }

            var o = Console.Out;
            await o.WriteLineAsync($"campaign {row.Id}: {row.Name} — {row.State} ({row.Phase}), {row.Mode}, launch {row.LaunchAt}, audience {row.Audience?.ToString(CultureInfo.InvariantCulture) ?? "not resolved yet"}");
            await o.WriteLineAsync($"ledger: {string.Join(", ", ledger.Select(l => $"{l.Key} {l.Value}"))}{(refused.Count > 0 ? "; refused: " + string.Join(", ", refused.Select(r => $"{r.Key} {r.Value}")) : "")}");
            foreach (var s in stats)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {(s.Variant.Length == 0 ? "(all)" : s.Variant)}: queued {s.Queued}, sent {s.Sent}, delivered {s.Delivered}, human opens {s.Opens} ({s.OpenRate:P1}), human clicks {s.Clicks} ({s.ClickRate:P1})"));
            }

            if (verdict is not null)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"verdict: {(verdict.Winner is null ? "no winner (the rest split evenly)" : "winner " + verdict.Winner)}; p = {verdict.PValue:0.####} at alpha {verdict.Alpha}; {verdict.Reason}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Control(string verb, string description, Func<CampaignRunner, long, CancellationToken, Task<(bool Changed, int Rows)>> act,
        IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("id") { Description = "The campaign's id" };
        var command = new Command(verb, description) { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var campaign = parse.GetValue(id);
            var (changed, rows) = await act(host.Services.GetRequiredService<CampaignRunner>(), campaign, ct);
            if (!changed)
            {
                var state = (await host.Services.GetRequiredService<CampaignStore>().FindAsync(campaign, ct))?.State;
                await Console.Error.WriteLineAsync($"crm-esp: campaign {verb}: campaign {campaign.ToString(CultureInfo.InvariantCulture)} {(state is null ? "does not exist" : $"is {state}")}");
                return 1;
            }

            await Console.Out.WriteLineAsync($"campaign {campaign.ToString(CultureInfo.InvariantCulture)}: {verb}, {rows.ToString(CultureInfo.InvariantCulture)} letters {(verb == "pause" ? "held" : verb == "resume" ? "released" : "cancelled")}".AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static object Summary(CampaignRow r) => new
    {
        id = r.Id, name = r.Name, state = r.State, phase = r.Phase, mode = r.Mode, launch_at = r.LaunchAt, audience = r.Audience, winner = r.Winner is { Length: > 0 } w ? w : null,
    };
}
