using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Connector.Tests.E2e;

/// <summary>
/// A marketer's whole flow in headless Chromium inside the sandbox portal's app frame (see <see cref="PortalRig"/>),
/// without the command line: a segment built in the builder (its live count equal to the store's own count of the same
/// filter), a template written in the block editor (heading, text with a Liquid variable from the picker, a button with
/// a link; the preview follows), a campaign of both launched now (its state in the list moves on by itself, the sandbox
/// writes one .eml a recipient to its pickup folder), its report (sent and delivered equal to what was written; a pixel
/// and a link fetched from one .eml, as a mail client would, show up as a human open and click); and the server's
/// ProblemDetails shown at the field it names. Screenshots at 1280×800 and axe-core on every page reached.
/// </summary>
[NonParallelizable]
[CancelAfter(300_000)]
public sealed partial class MarketerFlowE2eTests : PortalFixture
{
    private const string SegmentName = "Romashka E2E";
    private const string TemplateName = "e2e-welcome";
    private const string Subject = "Hello from the E2E flow";
    private const string CampaignName = "E2E launch";
    private const string Domain = "romashka.ru";
    private const int MaxAssigned = 4;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    private string Pickup => Path.Combine(Rig.Serve.Folder, "pickup");

    // The campaign job every second and a one-second machine-open window, so the flow waits seconds and not minutes.
    protected override IReadOnlyList<string> ServeArguments => ["--Campaigns:IntervalSeconds=1", "--Tracking:MachineWindowSeconds=1"];

    [Test]
    [Order(1)]
    public async Task Marketer_BuildsASegment_WritesATemplate_LaunchesACampaign_AndReadsItsReport(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var axe = new List<string>();
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await Rig.OpenAsync(page, "app", PortalRig.Admin, "en");

        // 1. Segments: two conditions in the builder, the live count, saved and listed.
        await GoAsync(page, frame, "Segments");
        await PickAsync(frame, Row(frame, 1), "Field", "contact.email");
        await PickAsync(frame, Row(frame, 1), "Operator", "contains (contains)");
        await Row(frame, 1).GetByRole(AriaRole.Textbox, new() { Name = "Value" }).FillAsync("@" + Domain);
        await frame.GetByRole(AriaRole.Button, new() { Name = "Add condition" }).ClickAsync();
        await PickAsync(frame, Row(frame, 2), "Field", "contact.assigned");
        await PickAsync(frame, Row(frame, 2), "Operator", "at most (<=)");
        await Row(frame, 2).GetByRole(AriaRole.Textbox, new() { Name = "Value" }).FillAsync(MaxAssigned.ToString(CultureInfo.InvariantCulture));
        var expression = $"contact.email contains \"@{Domain}\" and contact.assigned <= {MaxAssigned}";
        await Expect(frame.GetByText(expression)).ToBeVisibleAsync();
        var shown = await CountShownAsync(frame.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = ContactsCount() }), ContactsCount());
        var stored = await Rig.Serve.CountAsync(
            """
            SELECT COUNT(*) FROM contacts c WHERE c.deleted = 0 AND CAST(c.assigned_by_id AS INTEGER) <= @Max
              AND c.crm_id IN (SELECT e.contact_id FROM contact_emails e WHERE e.portal_id = c.portal_id AND instr(lower(e.address), @Domain) > 0)
            """, cancellationToken, new { Max = MaxAssigned, Domain = "@" + Domain });
        var api = (await FetchAsync(frame, "POST", "segments/count", new { expression })).GetProperty("count").GetInt64();
        await PortalRig.ScreenshotAsync(page, "marketer-1-segment-built");
        axe.AddRange(Named("segments", await AxeAsync(frame)));

        await frame.GetByRole(AriaRole.Textbox, new() { Name = "Segment name" }).FillAsync(SegmentName);
        await frame.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await Expect(frame.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Saved “{SegmentName}”, version 1." })).ToBeVisibleAsync();
        var listed = frame.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = SegmentName });
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToContainTextAsync($"@{Domain}");
        await PortalRig.ScreenshotAsync(page, "marketer-1-segment-saved");

        Assert.Multiple(() =>
        {
            Assert.That(shown, Is.GreaterThan(0), "the filter selects someone in the sandbox's mirror");
            Assert.That(shown, Is.EqualTo(stored), "the builder's live count is the store's count of the same filter");
            Assert.That(shown, Is.EqualTo(api), "and the count route's");
        });

        // 2. Templates: a new template, a heading, text with a variable from the picker, a button with a link; the preview follows; saved.
        await GoAsync(page, frame, "Templates");
        await frame.GetByRole(AriaRole.Button, new() { Name = "New template" }).ClickAsync();
        await frame.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync(TemplateName);
        await frame.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Name = $"Template “{TemplateName}”" })).ToBeVisibleAsync();
        var preview = frame.FrameLocator("iframe[title='Preview of the letter']");
        await Expect(preview.Locator("body")).Not.ToBeEmptyAsync();
        await frame.GetByRole(AriaRole.Textbox, new() { Name = "Subject" }).FillAsync(Subject);

        var heading = await AddBlockAsync(frame, "Heading");
        await heading.GetByRole(AriaRole.Textbox, new() { Name = "Text" }).FillAsync("Spring news from Romashka");
        var text = await AddBlockAsync(frame, "Text");
        var body = text.GetByRole(AriaRole.Textbox, new() { Name = "Text" });
        await body.FillAsync("Hello, ");
        await body.PressAsync("End");
        await frame.GetByRole(AriaRole.Region, new() { Name = "Variables" }).GetByRole(AriaRole.Button, new() { Name = "contact.name", Exact = true }).ClickAsync();
        await body.PressSequentiallyAsync("! Our spring catalogue is out.");
        await Expect(body).ToHaveValueAsync("Hello, {{ contact.name }}! Our spring catalogue is out.");
        var button = await AddBlockAsync(frame, "Button");
        await button.GetByRole(AriaRole.Textbox, new() { Name = "Text" }).FillAsync("See the catalogue");
        await button.GetByRole(AriaRole.Textbox, new() { Name = "Link (https://…)" }).FillAsync("https://example.com/spring");

        // The preview is the server's rendering with the sample contact (Анна): the new heading, the variable filled, the button's link.
        await Expect(preview.GetByText("Spring news from Romashka")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(preview.GetByText("Hello, Анна! Our spring catalogue is out.")).ToBeVisibleAsync();
        await Expect(preview.GetByRole(AriaRole.Link, new() { Name = "See the catalogue" })).ToHaveAttributeAsync("href", "https://example.com/spring");
        await Expect(frame.GetByText($"Subject: {Subject}")).ToBeVisibleAsync();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Expect(frame.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = SavedVersion() })).ToBeVisibleAsync();
        await PortalRig.ScreenshotAsync(page, "marketer-2-template");
        axe.AddRange(Named("template editor", await AxeAsync(frame)));

        // Settings: one recipient's only address suppressed by hand, so the campaign refuses that one.
        var suppressed = (await Rig.Serve.QueryAsync<string>(
            $"""
            SELECT e.address FROM contacts c JOIN contact_emails e ON e.portal_id = c.portal_id AND e.contact_id = c.crm_id
            WHERE c.deleted = 0 AND CAST(c.assigned_by_id AS INTEGER) <= {MaxAssigned.ToString(CultureInfo.InvariantCulture)} AND e.is_valid = 1
              AND instr(lower(e.address), '@{Domain}') > 0
              AND (SELECT COUNT(*) FROM contact_emails x WHERE x.portal_id = c.portal_id AND x.contact_id = c.crm_id) = 1
              AND (SELECT COUNT(*) FROM contact_emails y WHERE lower(y.address) = lower(e.address)) = 1
            ORDER BY c.crm_id LIMIT 1
            """, cancellationToken)).Single();
        await GoAsync(page, frame, "Settings");
        await frame.GetByRole(AriaRole.Textbox, new() { Name = "Address" }).FillAsync(suppressed);
        await frame.GetByRole(AriaRole.Textbox, new() { Name = "Note" }).FillAsync("asked by phone");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Suppress", Exact = true }).ClickAsync();
        await Expect(frame.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{suppressed} will not be mailed again." })).ToBeVisibleAsync();
        await PortalRig.ScreenshotAsync(page, "marketer-3-suppressed");
        axe.AddRange(Named("settings", await AxeAsync(frame)));

        // 3. Campaigns: that template and that segment, its live count, launched now; the list moves on by itself.
        await GoAsync(page, frame, "Campaigns");
        await frame.GetByRole(AriaRole.Button, new() { Name = "New campaign" }).ClickAsync();
        var form = frame.GetByRole(AriaRole.Form, new() { Name = "Create a campaign" });
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync(CampaignName);
        await PickAsync(frame, form, "Template", $"{TemplateName} — {Subject}");
        await PickAsync(frame, form, "Saved segment", SegmentName);
        var audience = await CountShownAsync(form.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = ContactsNow() }), ContactsNow());
        await PortalRig.ScreenshotAsync(page, "marketer-3-campaign-form");
        axe.AddRange(Named("campaign form", await AxeAsync(frame)));
        await form.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Name = $"Results: {CampaignName}" })).ToBeVisibleAsync();
        var id = long.Parse(CampaignId().Match(frame.Url).Groups[1].Value, CultureInfo.InvariantCulture);

        var row = frame.GetByRole(AriaRole.Table).Last.GetByRole(AriaRole.Row).Filter(new() { HasText = CampaignName });
        await Expect(row).ToHaveCountAsync(1);
        var states = new List<string>();
        var emls = await UntilAsync(async () =>
        {
            var state = (await row.GetByRole(AriaRole.Cell).Nth(1).InnerTextAsync()).Trim();
            if (states.Count == 0 || states[^1] != state)
            {
                states.Add(state);
            }

            return state == "Completed" ? Directory.GetFiles(Pickup, "*.eml") : null;
        }, "the campaign's state in the list to reach Completed, without reloading the page");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var store = string.Join("; ", (await Rig.Serve.QueryAsync<(string? Refused, long Letter, string? State, long Count)>(
            $"""
            SELECT r.refused, r.ledger_id IS NOT NULL, l.state, COUNT(*) FROM campaign_recipients r LEFT JOIN send_ledger l ON l.id = r.ledger_id
            WHERE r.campaign_id = {id.ToString(CultureInfo.InvariantCulture)} GROUP BY 1, 2, 3
            """, cancellationToken)).Select(r => $"refused {r.Refused ?? "-"}, letter {r.Letter}, {r.State ?? "-"}: {r.Count}"));
        var cardRow = await frame.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Row).Filter(new() { HasText = "All recipients" }).InnerTextAsync();
        await TestContext.Out.WriteLineAsync($"campaign recipients in the store: {store}; the results card: {cardRow}");
        await PortalRig.ScreenshotAsync(page, "marketer-3-campaign-sent");
        axe.AddRange(Named("campaigns", await AxeAsync(frame)));
        var details = await FetchAsync(frame, "GET", $"campaigns/{id}");
        var ledger = details.GetProperty("ledger").EnumerateObject().ToDictionary(p => p.Name, p => Whole(p.Value), StringComparer.Ordinal);
        var refusals = details.GetProperty("refused").EnumerateObject().ToDictionary(p => p.Name, p => Whole(p.Value), StringComparer.Ordinal);
        var refused = refusals.Values.Sum();
        var refusedShown = await frame.GetByText($"Refused: suppressed {refusals.GetValueOrDefault("suppressed")}").CountAsync();
        var mailedSuppressed = emls.Count(f => File.ReadAllText(f).Contains(suppressed, StringComparison.OrdinalIgnoreCase));
        var recipients = Whole(details.GetProperty("audience"));
        var shared = Whole(details.GetProperty("sharedAddress"));
        var accounted = await frame.GetByText(SharedAddress()).CountAsync();
        var sentShown = await CellNumberAsync(frame.GetByRole(AriaRole.Table).First, "All recipients", 2);

        Assert.Multiple(() =>
        {
            Assert.That(audience, Is.EqualTo(shown), "the campaign form counts the saved segment as the builder did");
            Assert.That(states, Does.Contain("Completed"), $"states seen: {string.Join(" → ", states)}");
            Assert.That(states[0], Is.AnyOf("Scheduled", "Sending", "Completed"));
            Assert.That(recipients, Is.EqualTo(shown), "the campaign resolved the segment to as many contacts at launch");
            Assert.That(emls, Has.Length.EqualTo(recipients - refused - shared),
                $"one .eml a recipient, but for the refused and those sharing another's address (ledger {string.Join(", ", ledger)}; refused {refused}; shared {shared})");
            Assert.That(accounted, Is.EqualTo(shared > 0 ? 1 : 0), "the results card says how many share another's address");
            Assert.That(refusals.GetValueOrDefault("suppressed"), Is.EqualTo(1), "the address suppressed in Settings is refused");
            Assert.That(refusedShown, Is.EqualTo(1), "the results card shows the refusal and its reason");
            Assert.That(mailedSuppressed, Is.Zero, "no message to the suppressed address");
            Assert.That(ledger.GetValueOrDefault("sent"), Is.EqualTo(emls.Length), "every ledger row sent has its message in the pickup folder");
            Assert.That(sentShown, Is.EqualTo(recipients - refused), $"the results card counts the recipients reached, those sharing an address too (card: {cardRow}; store: {store})");
        });

        // 4. Reports: the campaign's report from its results card; sent and delivered as written; then an open and a click, as a mail client makes them.
        await frame.GetByRole(AriaRole.Link, new() { Name = "Open the campaign’s report" }).ClickAsync();
        var figures = frame.GetByRole(AriaRole.Table, new() { Name = "Figures" });
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Name = CampaignName })).ToBeVisibleAsync();
        await Expect(figures).ToBeVisibleAsync();
        var sent = await FigureAsync(frame, figures, "Sent");
        var delivered = await FigureAsync(frame, figures, "Delivered");
        // Not NetworkIdle: the click map's letter names images on hosts this sandbox cannot reach.
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Click map" })).ToBeVisibleAsync();
        await PortalRig.ScreenshotAsync(page, "marketer-4-report");
        axe.AddRange(Named("report", await AxeAsync(frame)));

        var letter = await MimeMessage.LoadAsync(emls.Order(StringComparer.Ordinal).First(), cancellationToken);
        var html = letter.HtmlBody ?? "";
        var pixel = TrackingUrl("o").Match(html);
        var link = TrackingUrl("c").Match(html);
        Assert.That(pixel.Success && link.Success, Is.True, "the letter carries a tracking pixel and a tracked link");
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken); // past Tracking:MachineWindowSeconds (1 s here): a person, not a scanner
        using var mailClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        mailClient.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.0");
        using var opened = await mailClient.GetAsync(new Uri(WebUtility.HtmlDecode(pixel.Value)), cancellationToken);
        using var clicked = await mailClient.GetAsync(new Uri(WebUtility.HtmlDecode(link.Value)), cancellationToken);
        // Back to the report as a reader finds it: Reports, then the campaign in the list.
        await GoAsync(page, frame, "Reports");
        await frame.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = CampaignName, Exact = true }).ClickAsync();
        await Expect(figures).ToBeVisibleAsync();
        var opens = await FigureAsync(frame, figures, "Opened (human)");
        var clicks = await FigureAsync(frame, figures, "Clicked (human)");
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Click map" })).ToBeVisibleAsync();
        await PortalRig.ScreenshotAsync(page, "marketer-4-report-opened");
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"marketer flow: segment {shown} contacts, campaign {id}: {emls.Length} .eml, refused {refused}, sharing an address {shared}, states {string.Join(" → ", states)}; report sent {sent}, delivered {delivered}, opens {opens}, clicks {clicks}; {clock.Elapsed.TotalSeconds:F1} s"));

        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.EqualTo(emls.Length), "the report's sent is what the sandbox wrote");
            Assert.That(delivered, Is.EqualTo(emls.Length), "and delivered (no bounce came back)");
            Assert.That((int)opened.StatusCode, Is.EqualTo(200), "the pixel answers");
            Assert.That(clicked.StatusCode, Is.EqualTo(HttpStatusCode.Redirect).Or.EqualTo(HttpStatusCode.Found), "the link redirects");
            Assert.That(clicked.Headers.Location?.AbsoluteUri, Is.EqualTo("https://example.com/spring"), "to the button's link");
            Assert.That(opens, Is.EqualTo(1), "one human open in the report");
            Assert.That(clicks, Is.EqualTo(1), "one human click in the report");
            Assert.That(axe, Is.Empty, "axe-core: serious or critical violations on the pages reached");
        });
    }

    [Test]
    [Order(2)]
    public async Task ServerProblems_AreShownAtTheFieldTheyName_NotAsARawException(CancellationToken cancellationToken)
    {
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await Rig.OpenAsync(page, "app", PortalRig.Admin, "en");
        var axe = new List<string>();

        // A segment saved under a name taken already: the server's 409 at the name field.
        var taken = await FetchStatusAsync(frame, "POST", "segments", new { name = "Taken E2E", expression = $"contact.email contains \"@{Domain}\"" });
        await GoAsync(page, frame, "Segments");
        await PickAsync(frame, Row(frame, 1), "Field", "contact.email");
        await PickAsync(frame, Row(frame, 1), "Operator", "contains (contains)");
        await Row(frame, 1).GetByRole(AriaRole.Textbox, new() { Name = "Value" }).FillAsync("@mail.ru");
        var name = frame.GetByRole(AriaRole.Textbox, new() { Name = "Segment name" });
        await name.FillAsync("Taken E2E");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Save segment" }).ClickAsync();
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync("a segment named \"Taken E2E\" exists already: choose another name");
        await PortalRig.ScreenshotAsync(page, "marketer-5-segment-name-taken");
        axe.AddRange(Named("segments with an error", await AxeAsync(frame)));

        // A campaign whose expression names no field the language has: the server's parse error at the expression, on count and on create.
        await GoAsync(page, frame, "Campaigns");
        await frame.GetByRole(AriaRole.Button, new() { Name = "New campaign" }).ClickAsync();
        var form = frame.GetByRole(AriaRole.Form, new() { Name = "Create a campaign" });
        await PickAsync(frame, form, "Template", $"{TemplateName} — {Subject}");
        await PickAsync(frame, form, "Audience from", "An expression");
        var segment = form.GetByRole(AriaRole.Textbox, new() { Name = "Segment expression" });
        await segment.FillAsync("contact.shoe_size = 42");
        await Expect(segment).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(segment).ToHaveAccessibleDescriptionAsync(ColumnProblem());
        var counted = await segment.EvaluateAsync<string>("e => document.getElementById(e.getAttribute('aria-describedby').split(' ')[0]).textContent");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Expect(segment).ToHaveAccessibleDescriptionAsync(ColumnProblem());
        var direct = await FetchAsync(frame, "POST", "segments/count", new { expression = "contact.shoe_size = 42" }, expectOk: false);
        var raw = await frame.GetByText(RawException()).CountAsync();
        await PortalRig.ScreenshotAsync(page, "marketer-5-campaign-expression");
        axe.AddRange(Named("campaign form with an error", await AxeAsync(frame)));

        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.EqualTo(201), "the first segment of that name is saved");
            Assert.That(counted.Trim(), Is.EqualTo(direct.GetProperty("detail").GetString()), "the text at the field is the server's ProblemDetails detail");
            Assert.That(direct.GetProperty("field").GetString(), Is.EqualTo("expression"));
            Assert.That(raw, Is.Zero, "no raw exception on the page");
            Assert.That(axe, Is.Empty, "axe-core: serious or critical violations");
        });
    }

    [Test]
    [Order(3)]
    public async Task SegmentBuilder_InRussian_CountsAsTheStoreDoes(CancellationToken cancellationToken)
    {
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await Rig.OpenAsync(page, "app", PortalRig.Admin, "ru");
        await GoAsync(page, frame, "Сегменты");
        await PickAsync(frame, Row(frame, 1, "Условие"), "Поле", "contact.email");
        await PickAsync(frame, Row(frame, 1, "Условие"), "Оператор", "содержит (contains)");
        await Row(frame, 1, "Условие").GetByRole(AriaRole.Textbox, new() { Name = "Значение" }).FillAsync("@yandex.ru");
        var shown = await CountShownAsync(frame.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = ContactsRu() }), ContactsRu());
        var stored = await Rig.Serve.CountAsync(
            "SELECT COUNT(*) FROM contacts c WHERE c.deleted = 0 AND c.crm_id IN (SELECT e.contact_id FROM contact_emails e WHERE e.portal_id = c.portal_id AND instr(lower(e.address), '@yandex.ru') > 0)",
            cancellationToken);
        var lang = await frame.EvaluateAsync<string>("() => document.documentElement.lang");
        var violations = await AxeAsync(frame);
        await PortalRig.ScreenshotAsync(page, "marketer-ru-segment");

        Assert.Multiple(() =>
        {
            Assert.That(lang, Is.EqualTo("ru"));
            Assert.That(shown, Is.EqualTo(stored).And.GreaterThan(0), "the count in Russian is the store's");
            Assert.That(violations, Is.Empty);
        });
    }

    // axe-core once the page is still: a badge whose state just changed fades to its new colours (the kit's 200 ms transition).
    private async Task<IReadOnlyList<string>> AxeAsync(IFrame frame)
    {
        await frame.EvaluateAsync("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))");
        return await Rig.AxeAsync(frame);
    }

    // The section by its link in the app's navigation, as a user clicks it.
    private static async Task GoAsync(IPage page, IFrame frame, string section)
    {
        await frame.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();
        // Its heading, not NetworkIdle: a letter's preview may name images on hosts this sandbox cannot reach.
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Level = 1, Name = section, Exact = true })).ToBeVisibleAsync();
        await Expect(frame.GetByText(Loading())).ToHaveCountAsync(0);
    }

    private static ILocator Row(IFrame frame, int n, string word = "Condition") =>
        frame.GetByRole(AriaRole.Group, new() { Name = $"{word} {n.ToString(CultureInfo.InvariantCulture)}", Exact = true });

    // A kit select (a combobox whose list opens in a popup) set to one option, by their accessible names.
    private static async Task PickAsync(IFrame frame, ILocator scope, string label, string option)
    {
        await scope.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true }).ClickAsync();
        await frame.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(scope.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true })).ToContainTextAsync(option);
    }

    // A block added from the palette: the last block of that kind in the list.
    private static async Task<ILocator> AddBlockAsync(IFrame frame, string kind)
    {
        var palette = frame.GetByRole(AriaRole.Group, new() { Name = "Add a block" }).First;
        await palette.GetByRole(AriaRole.Button, new() { Name = "+ " + kind, Exact = true }).ClickAsync();
        var block = frame.GetByRole(AriaRole.Listitem).Filter(new() { Has = frame.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex($"^Block \\d+: {kind}$") }) }).Last;
        await Expect(block).ToBeVisibleAsync();
        return block;
    }

    private static async Task<long> CountShownAsync(ILocator status, Regex pattern)
    {
        await Expect(status.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var text = await status.First.InnerTextAsync();
        return long.Parse(Digits().Replace(pattern.Match(text).Groups[1].Value, ""), CultureInfo.InvariantCulture);
    }

    private static async Task<long> FigureAsync(IFrame frame, ILocator figures, string figure)
    {
        var row = figures.GetByRole(AriaRole.Row).Filter(new() { Has = frame.GetByRole(AriaRole.Cell, new() { Name = figure, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        var text = await row.GetByRole(AriaRole.Cell).Nth(1).InnerTextAsync();
        return long.Parse(Digits().Replace(text, ""), CultureInfo.InvariantCulture);
    }

    private static async Task<long> CellNumberAsync(ILocator table, string rowName, int cell)
    {
        var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = rowName });
        await Expect(row).ToHaveCountAsync(1);
        return long.Parse(Digits().Replace(await row.GetByRole(AriaRole.Cell).Nth(cell).InnerTextAsync(), ""), CultureInfo.InvariantCulture);
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Long)
        {
            if (await probe() is { } done)
            {
                return done;
            }

            await Task.Delay(250);
        }

        throw new AssertionException($"waited {Long.TotalSeconds} s for {what}");
    }

    // A count as the JSON holds it (the ledger's counts come as strings).
    private static long Whole(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();

    private static IEnumerable<string> Named(string where, IReadOnlyList<string> violations) => violations.Select(v => $"{where}: {v}");

    // /api/ui with the frame's own session token, as the page calls it.
    private static async Task<JsonElement> FetchAsync(IFrame frame, string method, string path, object? body = null, bool expectOk = true)
    {
        // As text: Playwright's own JSON of an evaluated object would add its "$id" references to it.
        var text = await frame.EvaluateAsync<string>("""
            async ([method, path, body]) => {
              const token = JSON.parse(document.getElementById('crmesp-context').textContent).token;
              const r = await fetch('/api/ui/' + path, { method, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
                body: body === null ? undefined : JSON.stringify(body) });
              return JSON.stringify({ status: r.status, json: await r.json() });
            }
            """, new object?[] { method, path, body });
        using var document = JsonDocument.Parse(text);
        var answer = document.RootElement.Clone();
        var status = answer.GetProperty("status").GetInt32();
        if (expectOk && status is < 200 or > 299)
        {
            throw new AssertionException($"{method} /api/ui/{path}: {status} {answer.GetProperty("json")}");
        }

        return answer.GetProperty("json");
    }

    private static async Task<int> FetchStatusAsync(IFrame frame, string method, string path, object body) =>
        await frame.EvaluateAsync<int>("""
            async ([method, path, body]) => {
              const token = JSON.parse(document.getElementById('crmesp-context').textContent).token;
              return (await fetch('/api/ui/' + path, { method, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status;
            }
            """, new object[] { method, path, body });

    private static Regex TrackingUrl(string kind) => new($"https?://[^\"'\\s<>]+/t/{kind}/[^\"'\\s<>]+", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"([\d\s,.\u00a0\u202f]+) contacts$")]
    private static partial Regex ContactsCount();

    [GeneratedRegex(@"([\d\s,.\u00a0\u202f]+) contacts now")]
    private static partial Regex ContactsNow();

    [GeneratedRegex(@"Контактов: ([\d\s\u00a0\u202f]+)")]
    private static partial Regex ContactsRu();

    [GeneratedRegex(@"^Sharing another recipient’s address \(one letter an address\): \d+$")]
    private static partial Regex SharedAddress();

    [GeneratedRegex("^(Loading…|Загрузка…)$")]
    private static partial Regex Loading();

    [GeneratedRegex(@"\D")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^Saved as version \d+\.$")]
    private static partial Regex SavedVersion();

    [GeneratedRegex(@"/campaigns/(\d+)")]
    private static partial Regex CampaignId();

    [GeneratedRegex(@"^column \d+: ")]
    private static partial Regex ColumnProblem();

    [GeneratedRegex(@"Exception|at Connector\.|stack trace|Internal Server Error", RegexOptions.IgnoreCase)]
    private static partial Regex RawException();
}
