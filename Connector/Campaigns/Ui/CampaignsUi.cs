using System.Text.Json;
using Connector.Campaigns.Broadcasts;
using Connector.Campaigns.Experiments;
using Connector.Sending.Settings;
using Connector.Store;
using Connector.Web.UiSession;
using Microsoft.Extensions.Options;

namespace Connector.Campaigns.Ui;

/// <summary>
/// The Campaigns page's routes under <c>/api/ui</c> (the app page's token; the caller's portal only: another portal's
/// campaign is not found). Create goes through the CLI's own <see cref="CampaignValidator"/> and
/// <see cref="CampaignStore"/> (400 ValidationProblem keyed by the form's fields), pause/resume/cancel through
/// <see cref="CampaignRunner"/>; serve's campaign job launches and sends.
/// </summary>
public static class CampaignsUi
{
    public const int ListLimit = 200;

    public static RouteGroupBuilder MapCampaignsUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ui.MapGet("/campaigns/setup", SetupAsync)
            .WithSummary("What the campaign form offers: the stored templates (name, version, subject), the sending domain for sender variants, the portal's time zone");
        ui.MapGet("/campaigns", ListAsync)
            .WithSummary("The portal's campaigns, newest first: state, phase, mode, launch time, audience, and queued/sent/delivered/opened/clicked (human opens and clicks)");
        ui.MapPost("/campaigns", CreateAsync)
            .WithSummary("Validate and store a campaign as crm-esp campaign create does (every problem keyed by its field: 400 ValidationProblem); serve launches it at its time");
        ui.MapGet("/campaigns/{id:long}", ShowAsync)
            .WithSummary("One campaign as crm-esp campaign show: settings, ledger rows by state, refusals, recipients sharing another's address (one letter an address), per-variant counts and rates, the A/B verdict");
        ui.MapPost("/campaigns/{id:long}/pause", (HttpContext http, long id, CampaignStore store, CampaignRunner runner, CancellationToken ct) => ControlAsync(http, id, "pause", store, runner.PauseAsync, ct))
            .WithSummary("Hold the campaign's unsent letters (no runner takes them) until resumed");
        ui.MapPost("/campaigns/{id:long}/resume", (HttpContext http, long id, CampaignStore store, CampaignRunner runner, CancellationToken ct) => ControlAsync(http, id, "resume", store, runner.ResumeAsync, ct))
            .WithSummary("Release a paused campaign's letters at the window's next opening");
        ui.MapPost("/campaigns/{id:long}/cancel", (HttpContext http, long id, CampaignStore store, CampaignRunner runner, CancellationToken ct) => ControlAsync(http, id, "cancel", store, runner.CancelAsync, ct))
            .WithSummary("Settle the campaign's unsent letters as cancelled (never sent) and stop it");
        return ui;
    }

    private static async Task<IResult> SetupAsync(HttpContext http, CampaignTemplateList templates, CampaignZones zones, IOptions<SenderOptions> sender, TimeProvider time, CancellationToken cancellationToken)
    {
        var zone = await zones.PortalAsync(UiApi.Caller(http).PortalId, cancellationToken);
        var from = sender.Value.FromAddress;
        return TypedResults.Ok(new
        {
            templates = (await templates.ListAsync(cancellationToken)).Select(t => new { name = t.Name, version = t.Version, subject = t.Subject }),
            sendingDomain = from is not null && from.LastIndexOf('@') is var at and > 0 ? from[(at + 1)..].ToLowerInvariant() : null,
            timeZone = zone.Id,
            utcOffsetMinutes = (int)zone.GetUtcOffset(time.GetUtcNow()).TotalMinutes,
        });
    }

    private static async Task<IResult> ListAsync(HttpContext http, CampaignStore store, CancellationToken cancellationToken)
    {
        var rows = await store.ListAsync(UiApi.Caller(http).PortalId, ListLimit, cancellationToken);
        var list = new List<object>(rows.Count);
        foreach (var row in rows)
        {
            var stats = await store.StatsAsync(row.Id, null, cancellationToken);
            list.Add(new
            {
                id = row.Id, name = row.Name, state = row.State, phase = row.Phase, mode = row.Mode, template = row.TemplateName, segmentName = row.SegmentName,
                launchAt = row.LaunchAt, audience = row.Audience, createdAt = row.CreatedAt,
                counts = new
                {
                    queued = stats.Sum(s => s.Queued), sent = stats.Sum(s => s.Sent), delivered = stats.Sum(s => s.Delivered),
                    opened = stats.Sum(s => s.Opens), clicked = stats.Sum(s => s.Clicks),
                },
            });
        }

        return TypedResults.Ok(list);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CampaignValidator validator, CampaignStore store, CancellationToken cancellationToken)
    {
        var (body, bad) = await UiJsonBody.ReadAsync<CampaignBody>(http.Request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var (spec, formProblems) = CampaignSpecs.From(body!);
        if (spec is null)
        {
            return Invalid(formProblems);
        }

        var (draft, problems) = await validator.ValidateAsync(spec, UiApi.Caller(http).PortalId, cancellationToken);
        if (draft is null)
        {
            return Invalid(CampaignSpecs.Problems(problems, body!));
        }

        var id = await store.CreateAsync(draft, cancellationToken);
        return TypedResults.Created($"/api/ui/campaigns/{id}", new { id, state = CampaignState.Scheduled, launchAt = UtcText.From(draft.LaunchAt), mode = draft.Mode });
    }

    private static async Task<IResult> ShowAsync(HttpContext http, long id, CampaignStore store, CancellationToken cancellationToken)
    {
        if (await OwnAsync(http, id, store, cancellationToken) is not { } row)
        {
            return NotFound(id);
        }

        var variants = await store.VariantsAsync(row.Id, cancellationToken);
        var stats = await store.StatsAsync(row.Id, null, cancellationToken);
        var (ledger, refused) = await store.OutcomesAsync(row.Id, cancellationToken);
        var sharedAddress = await store.SharedAddressesAsync(row.Id, cancellationToken);
        var verdict = row.Verdict is { } v ? JsonSerializer.Deserialize<WinnerVerdict>(v) : null;
        return TypedResults.Ok(new
        {
            id = row.Id, name = row.Name, state = row.State, phase = row.Phase, mode = row.Mode, launchAt = row.LaunchAt, audience = row.Audience,
            template = row.TemplateName, segment = row.SegmentExpression, segmentName = row.SegmentName, window = row.Window?.ToString(), localTime = row.LocalTime == 1,
            localAt = row.LocalAt, expireAfterSeconds = row.ExpireAfterSeconds, sendTimeOptimised = row.SendTimeOptimised == 1, testShare = row.TestShare,
            testWaitSeconds = row.TestWaitSeconds, waveShare = row.WaveShare, waveEverySeconds = row.WaveEverySeconds, winnerBy = row.WinnerBy,
            createdAt = row.CreatedAt, sendKey = row.SendKey,
            variants = variants.Select(x => new { name = x.Name, template = x.TemplateName, subject = x.Subject, fromAddress = x.FromAddress, fromName = x.FromName }),
            ledger, refused, sharedAddress,
            counts = stats.Select(s => new
            {
                variant = s.Variant.Length == 0 ? null : s.Variant, queued = s.Queued, sent = s.Sent, delivered = s.Delivered, opened = s.Opens, clicked = s.Clicks,
                openRate = Math.Round(s.OpenRate, 4), clickRate = Math.Round(s.ClickRate, 4),
            }),
            verdict = verdict is null ? null : new { winner = verdict.Winner, pValue = verdict.PValue, alpha = verdict.Alpha, lift = verdict.Lift, reason = verdict.Reason },
        });
    }

    private static async Task<IResult> ControlAsync(HttpContext http, long id, string verb, CampaignStore store,
        Func<long, CancellationToken, Task<(bool Changed, int Rows)>> act, CancellationToken cancellationToken)
    {
        if (await OwnAsync(http, id, store, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var (changed, rows) = await act(id, cancellationToken);
        if (!changed)
        {
            var state = (await store.FindAsync(id, cancellationToken))?.State;
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "state", $"the campaign is {state}: it cannot be {verb switch { "pause" => "paused", "resume" => "resumed", _ => "cancelled" }} now");
        }

        return TypedResults.Ok(new { id, state = (await store.FindAsync(id, cancellationToken))?.State, letters = rows });
    }

    private static async Task<CampaignRow?> OwnAsync(HttpContext http, long id, CampaignStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } row && row.PortalId == UiApi.Caller(http).PortalId ? row : null;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(long id) => UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "id", $"no campaign {id} of this portal");

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> problems)
    {
        var first = problems.First();
        return TypedResults.ValidationProblem(problems.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), detail: $"{first.Key}: {first.Value[0]}", title: "Bad Request",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["field"] = first.Key });
    }
}
