using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Connector.Tests.E2e;

/// <summary>
/// The product in headless Chromium inside the sandbox's portal page (see <see cref="PortalRig"/>): the deal and contact
/// tabs and every section of the app page render inside their named frames with the frame SDK initialised, without a
/// serious or critical axe-core violation; screenshots of each; the placement's verification (a forged POST gets 401),
/// the admin-only parts (a manager sees no Settings and gets 403), the frame's CSP; a tab's first paint and its
/// JavaScript measured from a cold load.
/// </summary>
[NonParallelizable]
[CancelAfter(240_000)]
public sealed partial class PortalE2eTests : PortalFixture
{
    // The app page's sections (Connector/Web/Ui/src/router.ts); each is checked only for rendering its heading without an error.
    private static readonly string[] Sections = ["dashboard", "scenarios", "campaigns", "templates", "segments", "reports", "rfm", "settings", "settings/keys", "settings/throttles"];
    private static readonly string[] DocumentedFields = ["AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "member_id", "status", "PLACEMENT", "PLACEMENT_OPTIONS"];
    private const long JavaScriptBudget = 200 * 1024;

    [Test]
    public async Task DealTab_InsideThePortal_InitialisesTheFrameSdk_ShowsTheDealTitle_WithoutSeriousAxeViolations(CancellationToken cancellationToken)
    {
        var deal = (await Rig.Serve.QueryAsync<MirrorRecord>("SELECT crm_id AS Id, title AS Title FROM deals WHERE deleted = 0 ORDER BY crm_id LIMIT 1", cancellationToken)).Single();
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var placement = page.WaitForResponseAsync(r => r.Url.Contains("/b24/placement/CRM_DEAL_DETAIL_TAB", StringComparison.Ordinal));

        var frame = await Rig.OpenAsync(page, "deal", PortalRig.Admin, "en", deal.Id);
        var heading = await PortalRig.WaitReadyAsync(frame);
        await PortalRig.WaitForCommandAsync(page, "getInitData");
        await PortalRig.WaitForCommandAsync(page, "resizeWindow");
        var headers = await (await placement).AllHeadersAsync();
        var lang = await frame.EvaluateAsync<string>("() => document.documentElement.lang");
        var violations = await Rig.AxeAsync(frame);
        await PortalRig.ScreenshotAsync(page.Locator("#app-frame"), "deal-tab");
        await PortalRig.ScreenshotAsync(page, "portal-deal-card");

        Assert.Multiple(() =>
        {
            Assert.That(heading, Is.EqualTo(deal.Title), "the tab shows the deal it was opened on");
            Assert.That(frame.Name, Does.Match($"^{Regex.Escape(Rig.BaseUrl.Authority)}\\|0\\|[0-9a-f]{{32}}$"), "named DOMAIN|PROTOCOL|APP_SID");
            Assert.That(lang, Is.EqualTo("en"));
            Assert.That(violations, Is.Empty, "axe-core: serious or critical violations in the deal tab");
            Assert.That(headers.GetValueOrDefault("content-security-policy"), Does.Contain("frame-ancestors").And.Contain(Rig.PortalOrigin),
                "the tab may be framed by the portal's origin");
            Assert.That(headers.ContainsKey("x-frame-options"), Is.False);
        });
    }

    [Test]
    public async Task FrameProtocol_TheFramesOwnAppSidIsAnswered_AForeignOneIgnored(CancellationToken cancellationToken)
    {
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await Rig.OpenAsync(page, "deal", PortalRig.Manager, "en");
        await PortalRig.WaitForCommandAsync(page, "getInitData");
        var sid = frame.Name.Split('|')[2];
        const string Send = """
            ([command, params, key, sid, origin]) => new Promise(resolve => {
              window.addEventListener('message', e => { if (typeof e.data === 'string' && e.data.startsWith(key + ':')) resolve(e.data) });
              parent.postMessage(command + ':' + JSON.stringify(params) + ':' + key + ':' + sid, origin);
              setTimeout(() => resolve(null), 2000);
            })
            """;

        var titled = await frame.EvaluateAsync<string?>(Send, new object[] { "setTitle", new { title = "Deal: renamed" }, "k1", sid, Rig.PortalOrigin });
        var resized = await frame.EvaluateAsync<string?>(Send, new object[] { "resizeWindow", new { width = "100%", height = 420 }, "k2", sid, Rig.PortalOrigin });
        var foreign = await frame.EvaluateAsync<string?>(Send, new object[] { "setTitle", new { title = "forged" }, "k3", new string('f', 32), Rig.PortalOrigin });
        var title = await page.Locator("#frame-title").TextContentAsync();

        Assert.Multiple(() =>
        {
            Assert.That(titled, Is.EqualTo("k1:{}"), "callbackKey:JSON back to the frame");
            Assert.That(title, Is.EqualTo("Deal: renamed"), "setTitle, with a colon inside its params");
            Assert.That(resized, Does.StartWith("k2:").And.Contain("\"height\":420"), "resizeWindow gives the frame that height");
            Assert.That(foreign, Is.Null, "a message naming another APP_SID gets no answer");
        });
    }

    [Test]
    public async Task ContactTab_InsideThePortal_InRussian_ShowsTheContactName_WithoutSeriousAxeViolations(CancellationToken cancellationToken)
    {
        var contact = (await Rig.Serve.QueryAsync<MirrorRecord>(
            "SELECT crm_id AS Id, trim(coalesce(name, '') || ' ' || coalesce(last_name, '')) AS Title FROM contacts WHERE deleted = 0 ORDER BY crm_id LIMIT 1",
            cancellationToken)).Single();
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();

        var frame = await Rig.OpenAsync(page, "contact", PortalRig.Manager, "ru", contact.Id);
        var heading = await PortalRig.WaitReadyAsync(frame);
        await PortalRig.WaitForCommandAsync(page, "getInitData");
        var lang = await frame.EvaluateAsync<string>("() => document.documentElement.lang");
        var violations = await Rig.AxeAsync(frame);
        await PortalRig.ScreenshotAsync(page.Locator("#app-frame"), "contact-tab");
        await PortalRig.ScreenshotAsync(page, "portal-contact-card");

        Assert.Multiple(() =>
        {
            Assert.That(heading, Is.EqualTo(contact.Title), "the tab shows the contact it was opened on");
            Assert.That(lang, Is.EqualTo("ru"), "the portal's LANG picks the page's language");
            Assert.That(violations, Is.Empty, "axe-core: serious or critical violations in the contact tab");
        });
    }

    [Test]
    public async Task AppPage_EverySection_RendersItsHeading_WithoutAnErrorAlert_OrSeriousAxeViolations(CancellationToken cancellationToken)
    {
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await Rig.OpenAsync(page, "app", PortalRig.Admin, "en");
        var nav = await frame.Locator("nav a").AllTextContentsAsync();
        var admin = await FetchStatusAsync(frame, "/api/ui/session/admin");
        var failures = new List<string>();

        foreach (var section in Sections)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await frame.EvaluateAsync("s => { window.location.hash = '#/' + s }", section);
            await frame.WaitForFunctionAsync("s => window.location.hash.startsWith('#/' + s)", section);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            string heading;
            try
            {
                heading = await PortalRig.WaitReadyAsync(frame);
            }
            catch (TimeoutException)
            {
                failures.Add($"{section}: no heading rendered");
                continue;
            }

            var alerts = await frame.Locator("[role=alert]").AllTextContentsAsync();
            if (heading.Length == 0 || alerts.Count > 0)
            {
                failures.Add($"{section}: heading '{heading}', alerts: {string.Join(" | ", alerts)}");
            }

            failures.AddRange((await Rig.AxeAsync(frame)).Select(v => $"{section}: {v}"));
            await PortalRig.ScreenshotAsync(page, $"app-{section.Replace('/', '-')}");
        }

        await frame.EvaluateAsync("() => { window.location.hash = '#/dashboard' }");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await PortalRig.WaitReadyAsync(frame);
        await PortalRig.ScreenshotAsync(page, "app-dashboard");

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(nav, Has.Some.Contains("Settings"), "an admin sees Settings");
            Assert.That(admin, Is.EqualTo(204), "an admin's session passes RequireAdmin");
        });
    }

    [Test]
    public async Task Manager_SeesNoSettings_Gets403FromAdminRoutes_AndTheSettingsPageRefuses(CancellationToken cancellationToken)
    {
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();

        var frame = await Rig.OpenAsync(page, "app", PortalRig.Manager, "en");
        var nav = await frame.Locator("nav a").AllTextContentsAsync();
        var status = await FetchStatusAsync(frame, "/api/ui/session/admin");
        var session = await FetchJsonAsync(frame, "/api/ui/session");
        var settingsApi = await FetchStatusAsync(frame, "/api/ui/settings/suppressions");
        // Typing the address of Settings anyway: the page says it is for admins, and shows none of their data.
        await frame.EvaluateAsync("() => { location.hash = '#/settings' }");
        var refusal = frame.Locator("[role=alert]").Filter(new() { HasText = "Only a portal administrator may open this." });
        await refusal.First.WaitForAsync(new() { Timeout = 30_000 });

        Assert.Multiple(async () =>
        {
            Assert.That(settingsApi, Is.EqualTo(403), "every settings route is admin-only");
            Assert.That(await refusal.CountAsync(), Is.GreaterThanOrEqualTo(1));
            Assert.That(await frame.Locator("table").CountAsync(), Is.Zero, "no suppression list for a manager");
            Assert.That(nav, Has.Some.Contains("Dashboard"));
            Assert.That(nav, Has.None.Contains("Settings"), "Settings are for portal admins only");
            Assert.That(status, Is.EqualTo(403), "RequireAdmin refuses a manager");
            Assert.That(session.GetProperty("userId").GetInt64(), Is.EqualTo(PortalRig.Manager), "the token speaks for the viewer the portal chose");
            Assert.That(session.GetProperty("isAdmin").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task PlacementPost_Forged_Gets401_WhileThePortalsOwnFormIsAnswered(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Rig.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var html = await http.GetStringAsync(new Uri(Rig.PortalUrl("deal", PortalRig.Manager, "en").PathAndQuery, UriKind.Relative), cancellationToken);
        var form = PlacementForm().Match(html);
        Assert.That(form.Success, Is.True, "the portal page holds the placement form");
        var action = WebUtility.HtmlDecode(form.Groups["action"].Value);
        var target = WebUtility.HtmlDecode(form.Groups["target"].Value);
        var fields = Hidden().Matches(form.Groups["fields"].Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var frameName = WebUtility.HtmlDecode(FrameName().Match(html).Groups[1].Value);

        using var real = await PostAsync(http, action, fields, cancellationToken);
        using var forged = await PostAsync(http, action, new Dictionary<string, string>(fields) { ["AUTH_ID"] = new string('a', 64) }, cancellationToken);
        using var none = await PostAsync(http, action, fields.Where(f => f.Key != "AUTH_ID").ToDictionary(), cancellationToken);
        using var wrongToken = await PostAsync(http, action,
            new Dictionary<string, string>(fields.Where(f => f.Key != "AUTH_ID").ToDictionary()) { ["APPLICATION_TOKEN"] = new string('b', 32) }, cancellationToken);
        using var otherPortal = await PostAsync(http, action, new Dictionary<string, string>(fields) { ["member_id"] = new string('c', 32) }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(fields.Keys, Is.SupersetOf(DocumentedFields), "the documented widget fields (widget_data.md)");
            Assert.That(fields.Keys, Does.Not.Contain("APPLICATION_TOKEN"), "the documented list has none");
            Assert.That(action, Does.Contain("/b24/placement/CRM_DEAL_DETAIL_TAB?DOMAIN=").And.Contain("&PROTOCOL=0&LANG=en&APP_SID="));
            Assert.That(target, Is.EqualTo(frameName), "the form is posted into the named frame");
            Assert.That(real.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the portal's own form is verified (AUTH_ID proved with the portal)");
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a forged AUTH_ID");
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "neither AUTH_ID nor APPLICATION_TOKEN");
            Assert.That(wrongToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a wrong APPLICATION_TOKEN");
            Assert.That(otherPortal.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a member_id with no install");
        });
    }

    [Test]
    public async Task DealTab_ColdLoad_FirstPaintPrinted_AndItsJavaScriptWithinTheBudget(CancellationToken cancellationToken)
    {
        var deal = (await Rig.Serve.QueryAsync<MirrorRecord>("SELECT crm_id AS Id, title AS Title FROM deals WHERE deleted = 0 ORDER BY crm_id LIMIT 1 OFFSET 1", cancellationToken)).Single();
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var scripts = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "script" && response.Url.StartsWith(Rig.BaseUrl.AbsoluteUri, StringComparison.Ordinal))
            {
                lock (scripts)
                {
                    scripts.Add(response);
                }
            }
        };

        var clock = Stopwatch.StartNew();
        var frame = await Rig.OpenAsync(page, "deal", PortalRig.Manager, "en", deal.Id);
        var ready = clock.Elapsed;
        await frame.WaitForFunctionAsync("() => performance.getEntriesByName('first-contentful-paint').length > 0");
        var paint = await frame.EvaluateAsync<JsonElement>("""
            () => ({ fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
                     frameOrigin: performance.timeOrigin, portalOrigin: window.parent.performance.timeOrigin })
            """);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        List<IResponse> loaded;
        lock (scripts)
        {
            loaded = [.. scripts];
        }

        var sizes = new List<(string Name, long Raw, long Gzip)>();
        foreach (var script in loaded)
        {
            var body = await script.BodyAsync();
            sizes.Add((new Uri(script.Url).AbsolutePath, body.Length, PortalRig.GzipSize(body)));
        }

        var fcp = paint.GetProperty("fcp").GetDouble();
        var fromPortal = paint.GetProperty("frameOrigin").GetDouble() + fcp - paint.GetProperty("portalOrigin").GetDouble();
        var gzip = sizes.Sum(s => s.Gzip);
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"deal tab, cold context: first-contentful-paint {fcp:F0} ms after the frame's navigation ({fromPortal:F0} ms after the portal page's), heading visible after {ready.TotalMilliseconds:F0} ms"));
        foreach (var (name, raw, size) in sizes)
        {
            await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name}: {raw / 1024.0:F1} KiB, {size / 1024.0:F1} KiB gzip"));
        }

        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"deal tab JavaScript: {loaded.Count} files, {sizes.Sum(s => s.Raw) / 1024.0:F1} KiB, {gzip / 1024.0:F1} KiB gzip (budget {JavaScriptBudget / 1024} KiB)"));

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Has.Count.GreaterThan(0), "the tab's scripts were seen");
            Assert.That(sizes.Select(s => s.Name), Has.None.Contains("chart"), "no chart code in a tab");
            Assert.That(gzip, Is.LessThanOrEqualTo(JavaScriptBudget), "a tab's JavaScript ≤ 200 KiB gzip");
        });
    }

    private static async Task<int> FetchStatusAsync(IFrame frame, string path) =>
        await frame.EvaluateAsync<int>("""
            async p => {
              const token = JSON.parse(document.getElementById('crmesp-context').textContent).token;
              return (await fetch(p, { headers: { Authorization: 'Bearer ' + token } })).status;
            }
            """, path);

    private static async Task<JsonElement> FetchJsonAsync(IFrame frame, string path) =>
        await frame.EvaluateAsync<JsonElement>("""
            async p => {
              const token = JSON.parse(document.getElementById('crmesp-context').textContent).token;
              return await (await fetch(p, { headers: { Authorization: 'Bearer ' + token } })).json();
            }
            """, path);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string action, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri(action), content, cancellationToken);
    }

    [GeneratedRegex("<form data-placement method=\"post\" action=\"(?<action>[^\"]+)\" target=\"(?<target>[^\"]+)\" hidden>(?<fields>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex PlacementForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();

    [GeneratedRegex("<iframe id=\"app-frame\" name=\"([^\"]+)\"")]
    private static partial Regex FrameName();
}
