using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Connector.Campaigns.Experiments;
using Connector.Reports;
using Connector.Reports.Ui;
using Connector.Store;
using Connector.Templates;
using Connector.Tests.Api;
using Connector.Web.UiSession;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Reports.Ui;

/// <summary>
/// The Dashboard and Reports pages' routes against a seeded store: figures as <c>crm-esp report</c> counts them, rates,
/// CTOR, domains in Unicode, reaction buckets, opens by weekday and hour in the asked, the portal's or the default zone,
/// the baseline median, the A/B confidence, the click map, the dashboard's window and warnings, tenant scoping, 401/403,
/// and bad input as 400/404 ProblemDetails naming the field.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class ReportsUiTests
{
    private const string Nov = "campaign:nov";
    private const string T0 = "2026-11-02T09:00:00.0000000Z";

    private Domains.Dnsmasq _dns = null!;

    // The sending domain (example.com, from news@example.com) does not exist in this DNS: its check fails at once.
    private Dictionary<string, string?> DeadDns => new() { ["Dns:Servers"] = _dns.Server, ["Dns:Timeout"] = "00:00:01" };

    [OneTimeSetUp]
    public async Task StartDnsAsync() => _dns = await Domains.Dnsmasq.StartAsync(["local=/example.com/", "local=/bounces.example.com/", "local=/127.in-addr.arpa/"]);

    [OneTimeTearDown]
    public async Task StopDnsAsync() => await _dns.DisposeAsync();

    [Test]
    public async Task Report_Campaign_CountsAsTheCliReport_WithRatesDomainsReactionAndHeatMap(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        await SeedNovemberAsync(rig);

        using var report = await GetAsync(rig, rig.UiToken(1), "reports/campaign/" + Uri.EscapeDataString(Nov) + "?zone=Europe%2FMoscow", cancellationToken);
        var cli = await rig.Services.GetRequiredService<ReportQueries>().SendKeyAsync(Nov, cancellationToken);
        var json = await JsonAsync(report, cancellationToken);
        var totals = json.GetProperty("totals");
        var rates = json.GetProperty("rates");
        var domains = json.GetProperty("domains").EnumerateArray().ToList();
        var reaction = json.GetProperty("reaction").EnumerateArray().ToList();
        var heat = json.GetProperty("heat");
        using var map = await GetAsync(rig, rig.UiToken(1), "reports/campaign/" + Uri.EscapeDataString(Nov) + "/click-map", cancellationToken);
        var mapJson = await JsonAsync(map, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((mapJson.GetProperty("html").ValueKind, mapJson.GetProperty("problem").GetString()), Is.EqualTo((JsonValueKind.Null, ClickMapView.NoLetter)), "a CLI campaign keeps its letter");
            Assert.That(mapJson.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("url").GetString(), Long(l, "humanClicks"), Long(l, "clicks"))),
                Is.EqualTo(new[] { ("https://shop.example.com/", 2L, 2L), ("https://shop.example.com/catalog?a=1&b=2", 0L, 1L) }));
            Assert.That(json.GetProperty("name").GetString(), Is.EqualTo("November sale"));
            Assert.That(Figures(totals), Is.EqualTo(Figures(cli!.Totals)), "the same figures as crm-esp report");
            Assert.That((Long(totals, "messages"), Long(totals, "sent"), Long(totals, "delivered"), Long(totals, "bouncedHard"), Long(totals, "complaints"), Long(totals, "unsubscribes")),
                Is.EqualTo((6L, 4L, 3L, 2L, 1L, 1L)));
            Assert.That((Long(totals, "humanOpeners"), Long(totals, "openers"), Long(totals, "humanClickers"), Long(totals, "humanClicks"), Long(totals, "clicks")), Is.EqualTo((2L, 3L, 1L, 2L, 3L)));
            Assert.That(totals.GetProperty("clickToOpen").GetDouble(), Is.EqualTo(0.5), "CTOR: 1 human clicker of 2 human readers");
            Assert.That(rates.GetProperty("open").GetDouble(), Is.EqualTo(2.0 / 3).Within(1e-9), "human opens per delivered");
            Assert.That(rates.GetProperty("openRaw").GetDouble(), Is.EqualTo(1.0), "raw opens keep the machine open");
            Assert.That(rates.GetProperty("click").GetDouble(), Is.EqualTo(1.0 / 3).Within(1e-9));
            Assert.That(rates.GetProperty("bounce").GetDouble(), Is.EqualTo(0.4).Within(1e-9), "2 bounced of 5 that reached a verdict");
            Assert.That(rates.GetProperty("complaint").GetDouble(), Is.EqualTo(1.0 / 3).Within(1e-9));
            Assert.That(domains.Select(d => (d.GetProperty("domain").GetString(), d.GetProperty("display").GetString(), Long(d.GetProperty("figures"), "messages"))),
                Is.EquivalentTo(new[] { ("example.net", "example.net", 3L), ("example.org", "example.org", 2L), ("xn--80a1acny.xn--p1ai", "почта.рф", 1L) }));
            Assert.That(reaction.Select(b => Long(b, "fromSeconds")), Is.EqualTo(ReactionHistogram.Bounds));
            Assert.That(reaction.Select(b => Long(b, "opens")).Take(3), Is.EqualTo(new[] { 1L, 1L, 0L }), "ann after 2 min, bob after 10 min");
            Assert.That(reaction.Select(b => Long(b, "clicks")).Take(3), Is.EqualTo(new[] { 0L, 0L, 1L }), "ann's click after 30 min");
            Assert.That(reaction.Sum(b => Long(b, "opens")), Is.EqualTo(2));
            Assert.That(heat.GetProperty("zone").GetProperty("id").GetString(), Is.EqualTo("Europe/Moscow"));
            Assert.That(heat.GetProperty("zone").GetProperty("source").GetString(), Is.EqualTo("user"));
            Assert.That(Cell(heat, 0, 12), Is.EqualTo(2), "Monday 09:02 and 09:10 UTC are 12:xx in Moscow");
            Assert.That(Cell(heat, 2, 0), Is.EqualTo(1), "Tuesday 21:30 UTC is Wednesday 00:30 in Moscow");
            Assert.That(heat.GetProperty("opens").EnumerateArray().Sum(r => r.EnumerateArray().Sum(c => c.GetInt64())), Is.EqualTo(3), "the machine open is left out");
            Assert.That(json.GetProperty("experiment").ValueKind, Is.EqualTo(JsonValueKind.Null), "a CLI campaign has no A/B test");
        });
    }

    [Test]
    public async Task Report_HeatMap_InThePortalsZone_ElseUtc(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        await SeedNovemberAsync(rig);
        var path = "reports/campaign/" + Uri.EscapeDataString(Nov);

        using var utc = await GetAsync(rig, rig.UiToken(1), path, cancellationToken);
        var utcHeat = (await JsonAsync(utc, cancellationToken)).GetProperty("heat");
        await rig.ExecuteAsync("UPDATE portals SET time_zone = 'Asia/Tokyo' WHERE id = 1");
        using var tokyo = await GetAsync(rig, rig.UiToken(1), path, cancellationToken);
        var tokyoHeat = (await JsonAsync(tokyo, cancellationToken)).GetProperty("heat");

        Assert.Multiple(() =>
        {
            Assert.That((utcHeat.GetProperty("zone").GetProperty("id").GetString(), utcHeat.GetProperty("zone").GetProperty("source").GetString()), Is.EqualTo(("UTC", "portal")));
            Assert.That((Cell(utcHeat, 0, 9), Cell(utcHeat, 1, 21)), Is.EqualTo((2L, 1L)));
            Assert.That(tokyoHeat.GetProperty("zone").GetProperty("id").GetString(), Is.EqualTo("Asia/Tokyo"));
            Assert.That((Cell(tokyoHeat, 0, 18), Cell(tokyoHeat, 2, 6)), Is.EqualTo((2L, 1L)), "UTC+9");
        });
    }

    [Test]
    public async Task Report_Baseline_IsTheMedianOfTheLatestTenOtherCampaigns(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        await SeedNovemberAsync(rig);
        var seed = new ReportsUiSeed(rig);
        // Eleven older campaigns of four messages each; the oldest (no opens) falls out of the last ten.
        int[] opened = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 4];
        for (var i = 0; i < opened.Length; i++)
        {
            var key = $"campaign:b{i + 1:00}";
            await seed.KeyAsync(1, key, key, $"2026-10-{i + 1:00}T00:00:00.0000000Z");
            await seed.SentAsync(key, 4, opened[i], $"2026-10-{i + 1:00}T09:00:00.0000000Z");
        }

        // A campaign of the other portal, newer than all, is not part of portal A's baseline.
        await seed.KeyAsync(2, "campaign:other", "other", "2026-10-30T00:00:00.0000000Z");
        await seed.SentAsync("campaign:other", 4, 0, "2026-10-30T09:00:00.0000000Z");

        using var report = await GetAsync(rig, rig.UiToken(1), "reports/campaign/" + Uri.EscapeDataString(Nov), cancellationToken);
        var baseline = (await JsonAsync(report, cancellationToken)).GetProperty("baseline");

        // Open rates of b02..b11: .25 .5 .75 1 0 .25 .5 .75 1 1 → sorted, the middle two are .5 and .75.
        Assert.Multiple(() =>
        {
            Assert.That(baseline.GetProperty("campaigns").GetInt32(), Is.EqualTo(10));
            Assert.That(baseline.GetProperty("median").GetProperty("open").GetDouble(), Is.EqualTo(0.625));
            Assert.That(baseline.GetProperty("median").GetProperty("delivery").GetDouble(), Is.EqualTo(1.0));
            Assert.That(baseline.GetProperty("delta").GetProperty("open").GetDouble(), Is.EqualTo((2.0 / 3) - 0.625).Within(1e-9));
            Assert.That(baseline.GetProperty("median").GetProperty("clickToOpen").GetDouble(), Is.EqualTo(0), "the baseline's readers never clicked");
            Assert.That(ReportBaseline.MedianOf([3, null, 1, 2]), Is.EqualTo(2));
            Assert.That(ReportBaseline.MedianOf([null]), Is.Null);
        });
    }

    [Test]
    public async Task Report_AbCampaign_VariantsAndTheTestsConfidence(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        var seed = new ReportsUiSeed(rig);
        var verdict = new WinnerVerdict("A", 0.001, 0.05, 0.4, "A wins on opens");
        await rig.ExecuteAsync("""
            INSERT INTO campaigns (id, portal_id, name, template_name, segment_expression, state, phase, launch_at, mode, winner_by, winner, verdict, created_at, updated_at)
            VALUES (5, 1, 'Subject test', 'promo', 'all', 'completed', 'done', '2026-11-01T00:00:00.0000000Z', 'ab', 'opens', 'A', @Verdict, '2026-11-01T00:00:00.0000000Z', '2026-11-01T00:00:00.0000000Z');
            INSERT INTO campaign_variants (campaign_id, name, position, subject) VALUES (5, 'A', 0, 'Sale!'), (5, 'B', 1, 'News');
            """, new { Verdict = JsonSerializer.Serialize(verdict) });
        await seed.KeyAsync(1, "scheduled-campaign:5", "Subject test", "2026-11-01T00:00:00.0000000Z");
        for (var i = 0; i < 40; i++)
        {
            var variant = i < 20 ? "A" : "B";
            var id = await seed.MessageAsync("scheduled-campaign:5", $"r{i}@example.org", T0);
            if ((variant == "A" && i < 10) || (variant == "B" && i < 22))
            {
                await seed.EngagementAsync(id, 1, 1, T0);
                await seed.HitAsync(id, "open", T0);
            }

            await rig.ExecuteAsync("INSERT INTO campaign_recipients (campaign_id, position, contact_id, variant, ledger_id) VALUES (5, @P, @P, @V, @Id)", new { P = i, V = variant, Id = id });
        }

        using var report = await GetAsync(rig, rig.UiToken(1), "reports/campaign/scheduled-campaign%3A5", cancellationToken);
        var json = await JsonAsync(report, cancellationToken);
        var experiment = json.GetProperty("experiment");
        var expected = TwoProportionTest.Decide([new VariantCounts("A", 20, 10), new VariantCounts("B", 20, 2)], metric: "opens");
        Assert.Multiple(() =>
        {
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.GetProperty("state").GetString(), Is.EqualTo("completed"));
            Assert.That(experiment.GetProperty("mode").GetString(), Is.EqualTo("ab"));
            Assert.That(experiment.GetProperty("variants").EnumerateArray().Select(v => (v.GetProperty("name").GetString(), Long(v, "delivered"), Long(v, "opens"), v.GetProperty("subject").GetString())),
                Is.EqualTo(new[] { ("A", 20L, 10L, "Sale!"), ("B", 20L, 2L, "News") }));
            Assert.That(experiment.GetProperty("current").GetProperty("winner").GetString(), Is.EqualTo(expected.Winner));
            Assert.That(experiment.GetProperty("confidence").GetDouble(), Is.EqualTo(1 - expected.PValue).Within(1e-12));
            Assert.That(experiment.GetProperty("confidence").GetDouble(), Is.GreaterThan(0.99));
            Assert.That(experiment.GetProperty("decided").GetProperty("reason").GetString(), Is.EqualTo("A wins on opens"));
        });
    }

    [Test]
    public async Task Report_ScenarioAndTemplate_CountTheirOwnLetters_AndTheListShowsAll(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        await SeedNovemberAsync(rig);
        var seed = new ReportsUiSeed(rig);
        await SeedScenarioAsync(rig, seed);

        using var scenario = await GetAsync(rig, rig.UiToken(1), "reports/scenario/3", cancellationToken);
        using var template = await GetAsync(rig, rig.UiToken(1), "reports/template/promo", cancellationToken);
        using var list = await GetAsync(rig, rig.UiToken(1), "reports", cancellationToken);
        using var otherList = await GetAsync(rig, rig.UiToken(2), "reports", cancellationToken);
        var scenarioJson = await JsonAsync(scenario, cancellationToken);
        var templateJson = await JsonAsync(template, cancellationToken);
        var listJson = await JsonAsync(list, cancellationToken);
        var otherJson = await JsonAsync(otherList, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((scenario.StatusCode, template.StatusCode, list.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)));
            Assert.That(scenarioJson.GetProperty("name").GetString(), Is.EqualTo("welcome"));
            Assert.That((Long(scenarioJson.GetProperty("totals"), "sent"), Long(scenarioJson.GetProperty("totals"), "humanClickers")), Is.EqualTo((2L, 1L)));
            Assert.That(Long(templateJson.GetProperty("totals"), "sent"), Is.EqualTo(2), "both letters of the scenario came from promo");
            Assert.That(listJson.GetProperty("campaigns").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), Long(c.GetProperty("figures"), "sent"))),
                Is.EqualTo(new[] { (Nov, 4L) }));
            Assert.That(listJson.GetProperty("scenarios").EnumerateArray().Select(c => (c.GetProperty("id").GetString(), c.GetProperty("state").GetString(), Long(c.GetProperty("figures"), "sent"))),
                Is.EqualTo(new[] { ("3", "active", 2L) }));
            Assert.That(listJson.GetProperty("templates").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Is.EqualTo(new[] { "promo" }));
            Assert.That(otherJson.GetProperty("campaigns").GetArrayLength() + otherJson.GetProperty("scenarios").GetArrayLength() + otherJson.GetProperty("templates").GetArrayLength(),
                Is.Zero, "portal B sees none of portal A's");
        });
    }

    [Test]
    public async Task ClickMap_RendersTheLetterWithEscapedBadges_AndListsTheLinks(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        var seed = new ReportsUiSeed(rig);
        await SeedScenarioAsync(rig, seed);

        using var map = await GetAsync(rig, rig.UiToken(1), "reports/template/promo/click-map", cancellationToken);
        using var scenarioMap = await GetAsync(rig, rig.UiToken(1), "reports/scenario/3/click-map", cancellationToken);
        var json = await JsonAsync(map, cancellationToken);
        var html = json.GetProperty("html").GetString()!;
        var links = json.GetProperty("links").EnumerateArray().ToList();
        var scenarioTemplate = (await JsonAsync(scenarioMap, cancellationToken)).GetProperty("template").GetString();
        Assert.Multiple(() =>
        {
            Assert.That((map.StatusCode, scenarioMap.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
            Assert.That((json.GetProperty("template").GetString(), Long(json, "version")), Is.EqualTo(("promo", 1L)));
            Assert.That(html, Does.Contain("Hello Анна"), "sample data, never a contact's");
            Assert.That(html, Does.Contain("order [order_id]"), "a letter variable by its name, never its value");
            Assert.That(html, Does.Match("""<a href="https://shop\.example\.com/">Shop</a><span data-crmesp-clicks="3" title="https://shop\.example\.com/"[^>]*>3 &#183; 75\.0%</span>"""));
            Assert.That(html, Does.Match("""catalog</a><span data-crmesp-clicks="0"[^>]*>0 &#183; 0\.0%</span>"""), "a link nobody clicked gets a zero badge");
            Assert.That(html, Does.Not.Contain("<script"), "nothing executable in the letter or its badges");
            Assert.That(html, Does.Not.Contain("data-crmesp-clicks=\"0\" title=\"#unsubscribe"), "only web links get badges");
            Assert.That(links.Select(l => (l.GetProperty("url").GetString(), Long(l, "humanClicks"), l.GetProperty("share").GetDouble(), l.GetProperty("inLetter").GetBoolean())),
                Is.EqualTo(new[] { ("https://shop.example.com/", 3L, 0.75, true), ("https://evil.example/\"><script>alert(1)</script>", 1L, 0.25, false) }));
            Assert.That(scenarioTemplate, Is.EqualTo("promo"), "a scenario's letter, from its stored letter");
        });
    }

    [Test]
    public void ClickMap_Overlay_EncodesTheAddressInTheBadge()
    {
        const string hostile = "https://x.example/?q=\"><img src=x onerror=alert(1)>";
        var html = "<p><a href='https://x.example/?q=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'>go</a></p>";
        var result = ClickMap.Overlay(html, [new LinkClicks { Url = hostile, HumanClicks = 2, Clicks = 2 }], CultureInfo.GetCultureInfo("ru-RU"));
        Assert.Multiple(() =>
        {
            Assert.That(result, Does.Contain("data-crmesp-clicks=\"2\""));
            Assert.That(result, Does.Contain("title=\"https://x.example/?q=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""));
            Assert.That(result.Split("<img").Length, Is.EqualTo(1), "no element made of the address");
            Assert.That(result, Does.Contain("2 &#183; 100,0"), "numbers in the viewer's language");
        });
    }

    [TestCase(-5, 0)]
    [TestCase(0, 0)]
    [TestCase(299.9, 0)]
    [TestCase(300, 1)]
    [TestCase(3_599, 2)]
    [TestCase(3_600, 3)]
    [TestCase(86_400, 7)]
    [TestCase(604_799, 8)]
    [TestCase(604_800, 9)]
    [TestCase(10_000_000, 9)]
    public void ReactionHistogram_Bucket(double seconds, int bucket) => Assert.That(ReactionHistogram.IndexOf(seconds), Is.EqualTo(bucket));

    [Test]
    public async Task Dashboard_LastThirtyDays_RatesDaysAndWarnings_OfTheCallersPortalOnly(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        var seed = new ReportsUiSeed(rig);
        var now = DateTimeOffset.UtcNow;
        string Ago(double days) => UtcText.From(now.AddDays(-days));
        await seed.KeyAsync(1, "campaign:recent", "Recent", Ago(5));
        for (var i = 0; i < 6; i++)
        {
            var id = await seed.MessageAsync("campaign:recent", $"r{i}@example.org", Ago(1));
            if (i < 2)
            {
                await seed.EngagementAsync(id, 2, 1, Ago(1), clicks: i == 0 ? 1 : 0, humanClicks: i == 0 ? 1 : 0);
            }
            else if (i == 2)
            {
                await seed.EngagementAsync(id, 1, 0, null);
            }
            else if (i == 3)
            {
                await seed.BounceAsync(id, $"r{i}@example.org", "complaint");
            }
        }

        for (var i = 0; i < 4; i++)
        {
            var id = await seed.MessageAsync("campaign:recent", $"n{i}@example.net", Ago(3));
            if (i == 0)
            {
                await seed.BounceAsync(id, $"n{i}@example.net", "hard");
            }
        }

        await seed.KeyAsync(1, "campaign:old", "Old", Ago(45));
        await seed.SentAsync("campaign:old", 5, 5, Ago(40));
        await seed.KeyAsync(2, "campaign:b", "B's", Ago(2));
        await seed.SentAsync("campaign:b", 3, 1, Ago(1));
        await rig.ExecuteAsync("""
            INSERT INTO bitrix24_installs (member_id, portal_id, domain, client_endpoint, application_token, status, installed_at, updated_at)
            VALUES ('m1', 1, 'a.bitrix24.test', 'https://a.bitrix24.test/rest/', 'x', 'needs_reauth', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            INSERT INTO send_pauses (domain, paused_until, detail, created_at) VALUES
              ('example.net', @Until, '550 5.7.1 policy', @Now), ('quiet.example', @Until, '550 5.7.1', @Now), ('example.org', @Past, 'over', @Now);
            INSERT INTO send_ledger (send_key, recipient, contact_id, state, due_at, next_attempt_at, created_at, updated_at, detail) VALUES
              ('campaign:recent', 'held1@example.net', 901, 'queued', @Now, @Until, @Now, @Now, 'relay unreachable: smtp.example.com:587: connection refused'),
              ('campaign:recent', 'held2@example.net', 902, 'queued', @Now, @Until, @Now, @Now, 'relay unreachable; waiting until later'),
              ('campaign:recent', 'over@example.net', 903, 'queued', @Now, @Past, @Now, @Now, 'relay unreachable: over'),
              ('campaign:b', 'held3@example.net', 904, 'queued', @Now, @Until, @Now, @Now, 'relay unreachable: B');
            """, new { Until = UtcText.From(now.AddHours(1)), Past = UtcText.From(now.AddHours(-1)), Now = UtcText.From(now) });

        using var a = await GetAsync(rig, rig.UiToken(1, isAdmin: false), "dashboard", cancellationToken);
        using var b = await GetAsync(rig, rig.UiToken(2), "dashboard?zone=Europe%2FMoscow", cancellationToken);
        var json = await JsonAsync(a, cancellationToken);
        var other = await JsonAsync(b, cancellationToken);
        var totals = json.GetProperty("totals");
        var rates = json.GetProperty("rates");
        var days = json.GetProperty("days").EnumerateArray().ToList();
        var warnings = json.GetProperty("warnings").EnumerateArray().Select(w => (w.GetProperty("code").GetString(), w.GetProperty("subject").GetString(), w.GetProperty("link").GetString())).ToList();
        var otherCodes = other.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(a.StatusCode, Is.EqualTo(HttpStatusCode.OK), "any viewer of the app page, not only admins");
            Assert.That((Long(totals, "sent"), Long(totals, "delivered"), Long(totals, "bounced"), Long(totals, "complaints")), Is.EqualTo((10L, 9L, 1L, 1L)), "the 40-day-old campaign is out of the window");
            Assert.That(rates.GetProperty("open").GetDouble(), Is.EqualTo(2.0 / 9).Within(1e-9));
            Assert.That(rates.GetProperty("openRaw").GetDouble(), Is.EqualTo(3.0 / 9).Within(1e-9));
            Assert.That((rates.GetProperty("click").GetDouble(), rates.GetProperty("clickRaw").GetDouble()), Is.EqualTo((1.0 / 9, 1.0 / 9)).Within(1e-9));
            Assert.That(days.Count, Is.InRange(30, 31));
            Assert.That(days.Sum(d => Long(d, "sent")), Is.EqualTo(10));
            Assert.That(days.Select(d => d.GetProperty("date").GetString()), Is.Ordered);
            Assert.That(json.GetProperty("zone").GetProperty("source").GetString(), Is.EqualTo("portal"));
            Assert.That(warnings, Does.Contain(("reauth", "a.bitrix24.test", "https://a.bitrix24.test/")));
            Assert.That(warnings, Does.Contain(("domain_paused", "example.net", "/settings/transports")));
            Assert.That(warnings.Where(w => w.Item1 == "domain_paused").Select(w => w.Item2), Is.EqualTo(new[] { "example.net" }), "pauses of domains the portal did not mail, and ended ones, are not shown");
            Assert.That(warnings, Does.Contain(("relay_unreachable", "2", "/settings/transports")), "two of A's rows wait for the relay; a row past its wait and B's are not counted");
            Assert.That(warnings, Does.Contain(("dns", "example.com: spf", "/settings/domains")), "the sending domain has no SPF record");
            Assert.That(otherCodes, Does.Contain("dns"), "the sending domain is every portal's");
            Assert.That(warnings, Does.Contain(("complaints", (1.0 / 9).ToString("0.######", CultureInfo.InvariantCulture), "/reports")));
            Assert.That((Long(other.GetProperty("totals"), "sent"), other.GetProperty("zone").GetProperty("id").GetString()), Is.EqualTo((3L, "Europe/Moscow")));
            Assert.That(otherCodes, Does.Contain("relay_unreachable"), "B's own held row");
            Assert.That(otherCodes, Has.None.EqualTo("reauth").And.None.EqualTo("domain_paused").And.None.EqualTo("complaints"), "portal A's warnings stay A's");
        });
    }

    [Test]
    public async Task Routes_WithoutASessionOrFromATab_401And403(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        var tab = rig.UiToken(1, placement: UiPlacement.DealTab, entityId: 5);
        foreach (var path in new[] { "dashboard", "reports", "reports/campaign/x", "reports/campaign/x/click-map" })
        {
            using var none = await GetAsync(rig, null, path, cancellationToken);
            using var fromTab = await GetAsync(rig, tab, path, cancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
                Assert.That(fromTab.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
            });
        }
    }

    [TestCase("reports/deal/1", 400, "kind")]
    [TestCase("reports/scenario/abc", 400, "id")]
    [TestCase("reports/scenario/0", 400, "id")]
    [TestCase("reports/scenario/99/click-map", 404, "id")]
    [TestCase("reports/campaign/campaign%3Anope", 404, "id")]
    [TestCase("reports/template/none", 404, "id")]
    [TestCase("reports/campaign/campaign%3Anov?zone=Mars%2FOlympus", 400, "zone")]
    [TestCase("dashboard?zone=", 400, "zone")]
    public async Task Routes_BadInput_ProblemDetailsNamingTheField(string path, int status, string field, CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        await SeedNovemberAsync(rig);
        using var response = await GetAsync(rig, rig.UiToken(1), path, cancellationToken);
        var json = await JsonAsync(response, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(json.GetProperty("field").GetString(), Is.EqualTo(field));
            Assert.That(json.GetProperty("detail").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Report_OfAnotherPortalsCampaign_Is404(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken, DeadDns);
        await SeedNovemberAsync(rig);
        await SeedScenarioAsync(rig, new ReportsUiSeed(rig));
        foreach (var path in new[] { "reports/campaign/campaign%3Anov", "reports/campaign/campaign%3Anov/click-map", "reports/scenario/3", "reports/template/promo" })
        {
            using var response = await GetAsync(rig, rig.UiToken(2), path, cancellationToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }
    }

    // Campaign "November sale" of portal A: six messages (see the Report_Campaign test for what each got).
    private static async Task SeedNovemberAsync(ApiRig rig)
    {
        var seed = new ReportsUiSeed(rig);
        await seed.KeyAsync(1, Nov, "November sale", "2026-11-01T00:00:00.0000000Z");
        var ann = await seed.MessageAsync(Nov, "ann@example.org", T0);
        await seed.EngagementAsync(ann, 3, 2, "2026-11-02T09:02:00.0000000Z", clicks: 3, humanClicks: 2, firstHumanClickAt: "2026-11-02T09:30:00.0000000Z");
        await seed.HitAsync(ann, "open", "2026-11-02T09:00:01.0000000Z", machine: true);
        await seed.HitAsync(ann, "open", "2026-11-02T09:02:00.0000000Z");
        await seed.HitAsync(ann, "open", "2026-11-03T21:30:00.0000000Z");
        await seed.LinkAsync(ann, "https://shop.example.com/", 2, 2);
        await seed.LinkAsync(ann, "https://shop.example.com/catalog?a=1&b=2", 1, 0);
        var bob = await seed.MessageAsync(Nov, "bob@example.org", T0);
        await seed.EngagementAsync(bob, 1, 1, "2026-11-02T09:10:00.0000000Z", unsubscribedAt: "2026-11-02T09:11:00.0000000Z");
        await seed.HitAsync(bob, "open", "2026-11-02T09:10:00.0000000Z");
        var cat = await seed.MessageAsync(Nov, "cat@xn--80a1acny.xn--p1ai", T0);
        await seed.EngagementAsync(cat, 1, 0, null);
        await seed.HitAsync(cat, "open", "2026-11-02T09:00:02.0000000Z", machine: true);
        await seed.BounceAsync(cat, "cat@xn--80a1acny.xn--p1ai", "complaint");
        var dan = await seed.MessageAsync(Nov, "dan@example.net", T0);
        await seed.BounceAsync(dan, "dan@example.net", "hard");
        await seed.MessageAsync(Nov, "eve@example.net", T0, state: "failed", replyCode: 550);
        await seed.MessageAsync(Nov, "fay@example.net", T0, state: "suppressed");
    }

    // Scenario 3 "welcome" of portal A: two letters from template promo v1, one clicked (3 human clicks on the shop, 1 on a hostile address).
    private static async Task SeedScenarioAsync(ApiRig rig, ReportsUiSeed seed)
    {
        await rig.SaveTemplateAsync(new TemplateFile
        {
            Name = "promo", Subject = "Hello",
            Html = "<p>Hello {{ contact.name }}, order {{ vars.order_id }}.</p><p><a href=\"https://shop.example.com/\">Shop</a> <a href=\"https://shop.example.com/catalog\">catalog</a></p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
            Text = "Hello",
        });
        await rig.ExecuteAsync("""
            INSERT INTO scenarios (id, portal_id, name, state, current_version, created_at, updated_at) VALUES (3, 1, 'welcome', 'active', 1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
            INSERT INTO scenario_enrollments (id, scenario_id, version, portal_id, subject_kind, subject_id, contact_id, entry_key, state, entered_at, created_at, updated_at) VALUES
              (1, 3, 1, 1, 'contact', 7, 7, 'once', 'active', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
              (2, 3, 1, 1, 'contact', 8, 8, 'once', 'active', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
            """);
        for (var e = 1; e <= 2; e++)
        {
            var key = $"step:hello:enrollment:{e}";
            await seed.KeyAsync(1, key, "welcome", "2026-11-01T00:00:00.0000000Z", kind: "Scenario");
            var id = await seed.MessageAsync(key, $"s{e}@example.org", T0);
            await seed.LetterAsync(id, 1, "promo", 1, """{"order_id":"A-1042"}""");
            await rig.ExecuteAsync("INSERT INTO scenario_sends (enrollment_id, step, send_key, ledger_id, at) VALUES (@E, 'hello', @Key, @Id, @At)", new { E = e, Key = key, Id = id, At = T0 });
            if (e == 1)
            {
                await seed.EngagementAsync(id, 1, 1, T0, clicks: 4, humanClicks: 4, firstHumanClickAt: T0);
                await seed.LinkAsync(id, "https://shop.example.com/", 3, 3);
                await seed.LinkAsync(id, "https://evil.example/\"><script>alert(1)</script>", 1, 1);
            }
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(ApiRig rig, string? token, string path, CancellationToken cancellationToken)
    {
        using var http = rig.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/ui/" + path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();

    private static long Long(JsonElement e, string name) => e.GetProperty(name).GetInt64();

    private static long Cell(JsonElement heat, int day, int hour) => heat.GetProperty("opens")[day][hour].GetInt64();

    private static string Figures(JsonElement f) => string.Join(",", new[]
    {
        "messages", "sent", "delivered", "bouncedHard", "bouncedSoft", "bouncedPolicy", "complaints", "unsubscribes", "humanOpeners", "humanReaders", "openers",
        "humanOpens", "opens", "humanClickers", "clickers", "humanClicks", "clicks",
    }.Select(n => Long(f, n).ToString(CultureInfo.InvariantCulture)));

    private static string Figures(ReportFigures f) => string.Join(",", new[]
    {
        f.Messages, f.Sent, f.Delivered, f.BouncedHard, f.BouncedSoft, f.BouncedPolicy, f.Complaints, f.Unsubscribes, f.HumanOpeners, f.HumanReaders, f.Openers,
        f.HumanOpens, f.Opens, f.HumanClickers, f.Clickers, f.HumanClicks, f.Clicks,
    }.Select(n => n.ToString(CultureInfo.InvariantCulture)));
}
