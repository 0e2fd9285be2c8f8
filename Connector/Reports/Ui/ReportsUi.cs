using System.Globalization;
using System.Text.Json;
using Connector.Campaigns.Broadcasts;
using Connector.Campaigns.Experiments;
using Connector.Domains;
using Connector.Sending.Settings;
using Connector.Store;
using Connector.Templates;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Connector.Reports.Ui;

/// <summary>
/// <c>/api/ui</c> routes of the Dashboard and Reports pages (the app page only, never a card tab): every figure is of
/// the caller's portal and counted as <c>crm-esp report</c> counts it. Bad kinds, ids and zones are 400 ProblemDetails
/// naming the field; an id not found in the portal is 404.
/// </summary>
public static class ReportsUi
{
    public const string KindCampaign = "campaign";
    public const string KindScenario = "scenario";
    public const string KindTemplate = "template";
    public const double ComplaintThreshold = 0.001;
    public static readonly TimeSpan DashboardPeriod = TimeSpan.FromDays(30);
    private const int MaxIdLength = 200;

    public static RouteGroupBuilder MapReportsUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ui.MapGet("/dashboard", DashboardAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The last 30 days of the portal: sent, delivered, human and raw open and click rates, bounces, complaints, unsubscribes, one entry a day (zone: an IANA id, else the portal's), and warnings for an admin");
        ui.MapGet("/reports", ListAsync)
            .WithSummary("The portal's campaigns, scenarios and templates with their figures and rates");
        ui.MapGet("/reports/{kind}/{id}", ReportAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One campaign's (id: its send key), scenario's (its number) or template's (its name) report: figures, by recipient domain, reaction times, human opens by weekday and hour (zone), the baseline of the last 10 campaigns, the A/B result");
        ui.MapGet("/reports/{kind}/{id}/click-map", ClickMapAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The letter of a campaign, scenario or template rendered with sample data and a badge of human clicks after each link (show it only in a sandboxed iframe), and the clicked links");
        return ui;
    }

    private static async Task<Results<Ok<DashboardView>, ProblemHttpResult>> DashboardAsync(
        HttpContext http, string? zone, UiReportQueries queries, CampaignZones zones, SendingDomainHealth dns, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        var (tz, view, problem) = await ZoneAsync(zone, caller.PortalId, zones, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var since = now - DashboardPeriod;
        var selection = ReportSelection.Since(caller.PortalId, UtcText.From(since));
        var hours = await queries.FiguresAsync(selection, byDomain: false, cancellationToken);
        var domains = await queries.FiguresAsync(selection, byDomain: true, cancellationToken);
        var totals = ReportFigures.Sum(hours.Select(h => h.Figures));
        var days = Days(hours, tz!, since, now);
        var warnings = new List<DashboardWarning>();
        if (await queries.InstallAsync(caller.PortalId, cancellationToken) is { Status: "needs_reauth" } install)
        {
            warnings.Add(new DashboardWarning("reauth", "error", install.Domain, null, null, "https://" + install.Domain + "/"));
        }

        var mailed = domains.Select(d => d.Group).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var pause in (await queries.PausesAsync(now, cancellationToken)).Where(p => mailed.Contains(p.Domain)))
        {
            warnings.Add(new DashboardWarning("domain_paused", "warning", DisplayDomain.Of(pause.Domain), pause.Detail, pause.PausedUntil, "/settings/transports"));
        }

        if (await queries.OutageAsync(caller.PortalId, now, cancellationToken) is { Rows: > 0 } outage)
        {
            warnings.Add(new DashboardWarning("relay_unreachable", "error", outage.Rows.ToString(CultureInfo.InvariantCulture), outage.Detail, outage.Until, "/settings/transports"));
        }

        var rates = ReportRates.Of(totals);
        if (rates.Complaint is > ComplaintThreshold)
        {
            warnings.Add(new DashboardWarning("complaints", "error", rates.Complaint.Value.ToString("0.######", CultureInfo.InvariantCulture), null, null, "/reports"));
        }

        if (await dns.CurrentAsync(cancellationToken) is { Status: DomainCheckStatus.Fail } check)
        {
            foreach (var failed in check.Checks.Where(c => c.Status == DomainCheckStatus.Fail))
            {
                warnings.Add(new DashboardWarning("dns", "error", $"{check.Domain}: {failed.Check}", failed.Fix is null ? failed.Detail : $"{failed.Detail} — {failed.Fix}", null, "/settings/domains"));
            }
        }

        return TypedResults.Ok(new DashboardView(UtcText.From(since), UtcText.From(now), view!, totals, rates, days, warnings));
    }

    private static async Task<Ok<ReportListView>> ListAsync(HttpContext http, UiReportQueries queries, CancellationToken cancellationToken)
    {
        var portal = UiApi.Caller(http).PortalId;
        var campaignFigures = (await queries.FiguresAsync(ReportSelection.AllCampaigns(portal), false, cancellationToken)).ToDictionary(g => g.Group, g => g.Figures, StringComparer.Ordinal);
        var campaigns = (await queries.CampaignKeysAsync(portal, cancellationToken))
            .Select(k => Item(KindCampaign, k.SendKey, k.Name, k.State, k.CreatedAt, campaignFigures.GetValueOrDefault(k.SendKey))).ToList();
        var scenarioFigures = (await queries.FiguresAsync(ReportSelection.Scenario(portal, null), false, cancellationToken)).ToDictionary(g => g.Group, g => g.Figures, StringComparer.Ordinal);
        var scenarios = (await queries.ScenariosAsync(portal, cancellationToken)).Select(s =>
        {
            var id = s.Id.ToString(CultureInfo.InvariantCulture);
            return Item(KindScenario, id, s.Name, s.State, s.CreatedAt, scenarioFigures.GetValueOrDefault(id));
        }).ToList();
        var templateFigures = (await queries.FiguresAsync(ReportSelection.Template(portal, null), false, cancellationToken)).ToDictionary(g => g.Group, g => g.Figures, StringComparer.Ordinal);
        var templates = (await queries.TemplatesAsync(portal, cancellationToken))
            .Select(t => Item(KindTemplate, t.Name, t.Name, null, t.FirstUsedAt, templateFigures.GetValueOrDefault(t.Name))).ToList();
        return TypedResults.Ok(new ReportListView(campaigns, scenarios, templates));
    }

    private static async Task<Results<Ok<ReportView>, ProblemHttpResult>> ReportAsync(
        HttpContext http, string kind, string id, string? zone, UiReportQueries queries, CampaignZones zones, CampaignStore campaigns, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        var (target, problem) = await ResolveAsync(caller.PortalId, kind, id, queries, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (tz, view, zoneProblem) = await ZoneAsync(zone, caller.PortalId, zones, cancellationToken);
        if (zoneProblem is not null)
        {
            return zoneProblem;
        }

        var selection = target!.Selection;
        var domains = await queries.FiguresAsync(selection, byDomain: true, cancellationToken);
        var totals = ReportFigures.Sum(domains.Select(d => d.Figures));
        var rates = ReportRates.Of(totals);
        var reaction = ReactionHistogram.Build(await queries.ReactionsAsync(selection, cancellationToken));
        var heat = HourWeekdayHeatMap.Build(await queries.OpenMinutesAsync(selection, cancellationToken), tz!, view!);
        var baselineKeys = await queries.BaselineKeysAsync(caller.PortalId, target.Kind == KindCampaign ? target.Id : null, cancellationToken);
        var baselineFigures = baselineKeys.Count == 0 ? [] : await queries.FiguresAsync(ReportSelection.Campaigns(caller.PortalId, baselineKeys), false, cancellationToken);
        var baseline = ReportBaseline.Of(rates, baselineFigures.Select(f => ReportRates.Of(f.Figures)).ToList());
        var experiment = target.Campaign?.CampaignId is { } campaignId ? await ExperimentAsync(caller.PortalId, campaignId, campaigns, cancellationToken) : null;
        var byDomain = domains.Select(d => new ReportDomainView(d.Group, DisplayDomain.Of(d.Group), d.Figures, ReportRates.Of(d.Figures))).ToList();
        return TypedResults.Ok(new ReportView(target.Kind, target.Id, target.Name, target.State, totals, rates, byDomain, reaction, heat, baseline, experiment));
    }

    private static async Task<Results<Ok<ClickMapView>, ProblemHttpResult>> ClickMapAsync(
        HttpContext http, string kind, string id, UiReportQueries queries, TemplateStore templates, TemplateCompiler compiler, IOptions<SenderOptions> sender, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        var (target, problem) = await ResolveAsync(caller.PortalId, kind, id, queries, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var links = await queries.LinksAsync(target!.Selection, cancellationToken);
        var stored = await queries.FirstLetterAsync(target.Selection, cancellationToken);
        // Without a stored letter: the template itself, a scheduled campaign's template, or a CLI campaign's template of its name when there is one.
        var letter = stored ?? (target.Kind == KindTemplate ? new LetterRef { Name = target.Id }
            : target.Campaign is { } c ? new LetterRef { Name = c.TemplateName ?? c.Name } : null);
        var file = letter is null ? null : await templates.FindAsync(letter.Name, letter.Version is { } v ? (int)v : null, cancellationToken);
        string? html = null;
        string? why = null;
        string? engine = null;
        if (file is null)
        {
            why = letter is null || (stored is null && target.Campaign is { CampaignId: null }) ? ClickMapView.NoLetter : ClickMapView.NotStored;
        }
        else if (compiler.Compile(file) is { Template: { } compiled })
        {
            var rendered = new TemplateRenderer().TryRender(compiled, SampleData(TemplateSender.From(sender.Value), letter!.Variables));
            html = rendered.Letter?.Html;
            (why, engine) = rendered.Error is { } error ? (ClickMapView.RenderFailed, error.Message) : (null, null);
        }
        else
        {
            why = ClickMapView.NotCompiling;
        }

        var culture = CultureInfo.GetCultureInfo(caller.Language == "ru" ? "ru-RU" : "en-US");
        var inLetter = html is null ? new HashSet<string>(StringComparer.Ordinal) : ClickMap.LinksIn(html);
        var total = links.Sum(l => l.HumanClicks);
        var view = links.Select(l => new ClickMapLink(l.Url, l.HumanClicks, l.Clicks, l.HumanClickers, l.Clickers, total == 0 ? 0 : (double)l.HumanClicks / total,
            inLetter.Contains(l.Url) || inLetter.Contains(l.Url.EndsWith('/') ? l.Url.TrimEnd('/') : l.Url + "/"))).ToList();
        return TypedResults.Ok(new ClickMapView(html is null ? null : ClickMap.Overlay(html, links, culture), file?.Name ?? letter?.Name, file?.Version, why, engine, view));
    }

    // The template's sample data (never a contact's), and the letter's variables by name only: [order_id].
    private static TemplateData SampleData(TemplateSender sender, string? variables)
    {
        var sample = TemplateData.Sample(sender, "#unsubscribe");
        Dictionary<string, string?>? names = null;
        try
        {
            names = variables is { Length: > 0 } ? JsonSerializer.Deserialize<Dictionary<string, string?>>(variables) : null;
        }
        catch (JsonException)
        {
            names = null;
        }

        var values = new Dictionary<string, object?>(sample.Values, StringComparer.Ordinal)
        {
            ["vars"] = (names ?? []).ToDictionary(v => v.Key, v => (object?)$"[{v.Key}]", StringComparer.Ordinal),
        };
        return sample with { Values = values };
    }

    private static async Task<(ReportTarget? Target, ProblemHttpResult? Problem)> ResolveAsync(
        long portalId, string kind, string id, UiReportQueries queries, CancellationToken cancellationToken)
    {
        if (kind is not (KindCampaign or KindScenario or KindTemplate))
        {
            return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad kind", "kind", "kind must be campaign, scenario or template"));
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad id", "id", $"id must be 1 to {MaxIdLength} characters"));
        }

        switch (kind)
        {
            case KindCampaign:
                var key = (await queries.CampaignKeysAsync(portalId, cancellationToken)).FirstOrDefault(k => k.SendKey == id);
                return key is null
                    ? (null, NotFound("no campaign with that send key in this portal"))
                    : (new ReportTarget(kind, id, key.Name, key.State, ReportSelection.Campaign(portalId, id), key), null);
            case KindScenario:
                if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var scenarioId) || scenarioId <= 0)
                {
                    return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad id", "id", "a scenario's id is a positive whole number"));
                }

                var scenario = (await queries.ScenariosAsync(portalId, cancellationToken)).FirstOrDefault(s => s.Id == scenarioId);
                return scenario is null
                    ? (null, NotFound("no scenario with that id in this portal"))
                    : (new ReportTarget(kind, id, scenario.Name, scenario.State, ReportSelection.Scenario(portalId, scenarioId), null), null);
            default:
                var template = (await queries.TemplatesAsync(portalId, cancellationToken)).FirstOrDefault(t => t.Name == id);
                return template is null
                    ? (null, NotFound("no letter of this portal was rendered from a template with that name"))
                    : (new ReportTarget(kind, id, template.Name, null, ReportSelection.Template(portalId, id), null), null);
        }
    }

    private static ProblemHttpResult NotFound(string detail) => UiApi.Problem(StatusCodes.Status404NotFound, "Not found", "id", detail);

    // The zone asked for (an IANA or Windows id from the viewer's browser), else the portal's (or Scenarios:DefaultTimeZone, UTC).
    private static async Task<(TimeZoneInfo? Zone, ReportZone? View, ProblemHttpResult? Problem)> ZoneAsync(
        string? zone, long portalId, CampaignZones zones, CancellationToken cancellationToken)
    {
        if (zone is not null)
        {
            if (zone.Length is 0 or > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var asked))
            {
                return (null, null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad zone", "zone", "zone must be a time zone id such as Europe/Moscow"));
            }

            return (asked, new ReportZone(asked.Id, "user"), null);
        }

        var portal = await zones.PortalAsync(portalId, cancellationToken);
        return (portal, new ReportZone(portal.Id, "portal"), null);
    }

    private static List<DashboardDay> Days(IReadOnlyList<(string Group, ReportFigures Figures)> hours, TimeZoneInfo zone, DateTimeOffset since, DateTimeOffset now)
    {
        var byDay = new SortedDictionary<DateOnly, ReportFigures>();
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            byDay[d] = new ReportFigures();
        }

        foreach (var (hour, figures) in hours)
        {
            if (!DateTime.TryParseExact(hour, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            {
                continue;
            }

            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
            byDay[day] = ReportFigures.Sum([byDay.GetValueOrDefault(day) ?? new ReportFigures(), figures]);
        }

        return byDay.Select(d => new DashboardDay(d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Value.Sent, d.Value.Delivered, d.Value.HumanOpeners,
            d.Value.HumanClickers, d.Value.Bounced, d.Value.Complaints, d.Value.Unsubscribes)).ToList();
    }

    private static ReportListItem Item(string kind, string id, string name, string? state, string? createdAt, ReportFigures? figures)
    {
        var f = figures ?? new ReportFigures();
        return new ReportListItem(kind, id, name, state, createdAt, f, ReportRates.Of(f));
    }

    private static async Task<AbResultView?> ExperimentAsync(long portalId, long campaignId, CampaignStore campaigns, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.FindAsync(campaignId, cancellationToken);
        if (campaign is null || campaign.PortalId != portalId || campaign.Mode is not (CampaignMode.Ab or CampaignMode.Bandit))
        {
            return null;
        }

        var variants = await campaigns.VariantsAsync(campaignId, cancellationToken);
        var stats = (await campaigns.StatsAsync(campaignId, null, cancellationToken)).ToDictionary(s => s.Variant, StringComparer.Ordinal);
        var views = variants.Select(v => stats.TryGetValue(v.Name, out var s)
            ? new AbVariantView(v.Name, v.Subject, v.TemplateName, s.Queued, s.Sent, s.Delivered, s.Opens, s.Clicks, s.Delivered > 0 ? s.OpenRate : null, s.Delivered > 0 ? s.ClickRate : null)
            : new AbVariantView(v.Name, v.Subject, v.TemplateName, 0, 0, 0, 0, 0, null, null)).ToList();
        // The same counts and test as the campaign runner's (CampaignRunner.CountsAsync, TwoProportionTest).
        var counts = views.Select(v => new VariantCounts(v.Name, v.Delivered, campaign.WinnerBy == "clicks" ? v.Clicks : v.Opens)).ToList();
        var current = counts.Count >= 2 ? TwoProportionTest.Decide(counts, metric: campaign.WinnerBy) : null;
        var decided = campaign.Verdict is { Length: > 0 } json ? JsonSerializer.Deserialize<WinnerVerdict>(json) : null;
        return new AbResultView(campaign.Mode, campaign.WinnerBy, views, decided, current, current is null ? null : 1 - current.PValue);
    }
}
