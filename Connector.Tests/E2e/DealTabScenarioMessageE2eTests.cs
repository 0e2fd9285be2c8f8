using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using MimeKit;

namespace Connector.Tests.E2e;

/// <summary>
/// Issue 11 item 6, the manager's view of a scenario's letter, in headless Chromium against the sandbox (see
/// <see cref="PortalRig"/>): the admin saves the shipped templates <c>proposal</c> and <c>proposal-reminder</c> and the
/// shipped scenario <c>manifests/scenarios/proposal-follow-up.yaml</c> through the app page's own routes (with the app
/// page's session); a deal is moved to PREPARATION in the sandbox portal (<c>crm-esp sandbox move-deal</c>: the portal
/// raises ONCRMDEALUPDATE to serve's event handler, which syncs the deal and fires the trigger); the offer arrives in the
/// sandbox's pickup folder as an .eml; its HTML part is parsed as a mail client would: the open pixel is fetched like a
/// mail client's image fetch (after <c>Tracking:MachineWindowSeconds</c>, so it is a human open) and the button's
/// tracked link followed in a browser (its redirect must land on the template's URL). Then the manager (user 7) opens
/// the deal's tab and sees the letter: the scenario's name and step, the badge "Clicked", the open and click times the
/// store recorded, the clicked link; the contact's tab shows the same letter. Screenshots and axe on both tabs.
/// </summary>
[NonParallelizable]
[CancelAfter(300_000)]
public sealed partial class DealTabScenarioMessageE2eTests : PortalFixture
{
    private const int MachineWindowSeconds = 3;
    private const string Scenario = "proposal-follow-up";
    private const string MailClient = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0";
    private const string PersonsBrowser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);

    // Runner and dispatcher every second, and a short machine-open window, so a test waits seconds and not minutes.
    protected override IReadOnlyList<string> ServeArguments =>
    [
        "--Scenarios:IntervalSeconds=1", "--Sending:Runner:PollIntervalSeconds=1",
        $"--Tracking:MachineWindowSeconds={MachineWindowSeconds.ToString(CultureInfo.InvariantCulture)}",
    ];

    [Test]
    public async Task ScenarioLetter_MovedDeal_OpenedAndClicked_ShownInTheDealTabAndTheContactTab(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // An open deal of the default pipeline, not in PREPARATION yet, whose first contact has a valid, unsuppressed address.
        var (deal, contact, recipient) = (await Rig.Serve.QueryAsync<(long Deal, long Contact, string Address)>("""
            SELECT d.crm_id, dc.contact_id, e.address FROM deals d
            JOIN deal_contacts dc ON dc.portal_id = d.portal_id AND dc.deal_id = d.crm_id AND dc.position = 0
            JOIN contact_emails e ON e.portal_id = d.portal_id AND e.contact_id = dc.contact_id AND e.position = 0 AND e.is_valid = 1
            WHERE d.deleted = 0 AND d.pipeline_id = 0 AND d.stage_semantic = 'P' AND d.stage_id <> 'PREPARATION'
              AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.address = e.address COLLATE NOCASE)
            ORDER BY d.crm_id LIMIT 1
            """, cancellationToken)).Single();
        await TestContext.Out.WriteLineAsync($"deal {deal}, contact {contact} <{recipient}>");

        // 1. The admin, on the app page, saves the two templates and the scenario (the app's routes, the page's own token).
        await using (var adminContext = await Rig.NewContextAsync())
        {
            var adminPage = await adminContext.NewPageAsync();
            var app = await Rig.OpenAsync(adminPage, "app", PortalRig.Admin, "en");
            foreach (var template in new[] { "proposal", "proposal-reminder" })
            {
                var created = await FetchAsync(app, "POST", "/api/ui/templates", new JsonObject { ["name"] = template });
                Assert.That(created.Status, Is.EqualTo(201), $"template {template} created: {created.Body}");
                var saved = await FetchAsync(app, "PUT", $"/api/ui/templates/{template}", new JsonObject { ["template"] = TemplateFromManifest(template) });
                Assert.That(saved.Status, Is.EqualTo(200), $"template {template} saved: {saved.Body}");
            }

            var source = await File.ReadAllTextAsync(Manifest("scenarios", Scenario + ".yaml"), cancellationToken);
            var scenario = await FetchAsync(app, "POST", "/api/ui/scenarios", new JsonObject { ["source"] = source });
            Assert.That(scenario.Status, Is.EqualTo(201), $"the shipped scenario saved: {scenario.Body}");
        }

        // 2. The deal moves to PREPARATION in the portal: the sandbox raises ONCRMDEALUPDATE, serve syncs and fires the trigger.
        var pickup = Path.Combine(Rig.Serve.Folder, "pickup");
        await CliAsync(cancellationToken, "sandbox", "move-deal", "--deal", deal.ToString(CultureInfo.InvariantCulture), "--stage", "PREPARATION", "--url", Rig.BaseUrl.AbsoluteUri);
        var file = await UntilAsync(() => Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml").SingleOrDefault() : null, Arrival,
            "the scenario's offer in the pickup folder", cancellationToken);
        var movedToFile = clock.Elapsed;
        using var message = await MimeMessage.LoadAsync(file, cancellationToken);
        var ledger = await UntilAsync(async () => (await Rig.Serve.QueryAsync<SentLetter>(
                "SELECT id AS Id, updated_at AS UpdatedAt FROM send_ledger WHERE send_key LIKE 'step:offer:enrollment:%' AND state = 'sent'", cancellationToken)).SingleOrDefault(),
            TimeSpan.FromSeconds(20), "the offer's ledger row marked sent", cancellationToken);

        // 3. The HTML part, as a mail client reads it: the open pixel (an <img> to /t/o/) and the button's link (to /t/c/).
        var html = new HtmlParser().ParseDocument(message.HtmlBody ?? "");
        var pixel = html.QuerySelectorAll("img").Select(i => i.GetAttribute("src")).SingleOrDefault(s => s?.Contains("/t/o/", StringComparison.Ordinal) == true);
        var link = html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).FirstOrDefault(h => h?.Contains("/t/c/", StringComparison.Ordinal) == true);
        var original = $"https://shop.example.com/proposals/{deal.ToString(CultureInfo.InvariantCulture)}";
        Assert.Multiple(() =>
        {
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo(recipient).IgnoreCase, "the offer goes to the deal's contact");
            Assert.That(pixel, Is.Not.Null.And.StartsWith(Rig.BaseUrl.GetLeftPart(UriPartial.Authority)), "an open pixel pointing at serve");
            Assert.That(link, Is.Not.Null.And.StartsWith(Rig.BaseUrl.GetLeftPart(UriPartial.Authority)), "the button's link is tracked through serve");
            Assert.That(html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), Has.None.EqualTo(original), "the original URL is behind the tracked link");
            Assert.That(message.HtmlBody, Does.Not.Contain(original), "nowhere in the HTML, Outlook's VML button (inside its [if mso] comment) included");
        });

        // The machine window (a scanner or proxy fetching at once) passes; then a person opens the letter and clicks.
        var sentAt = DateTimeOffset.Parse(ledger.UpdatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var humanFrom = sentAt.AddSeconds(MachineWindowSeconds + 1) - DateTimeOffset.UtcNow;
        if (humanFrom > TimeSpan.Zero)
        {
            await Task.Delay(humanFrom, cancellationToken);
        }

        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pixel!)))
        {
            request.Headers.UserAgent.ParseAdd(MailClient);
            request.Headers.Accept.ParseAdd("image/avif,image/webp,image/png,image/*;q=0.8");
            using var image = await http.SendAsync(request, cancellationToken);
            Assert.That(image.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the pixel answers");
            Assert.That(image.Content.Headers.ContentType?.MediaType, Does.StartWith("image/"), "an image");
        }

        // A person's browser follows the link. The shop is not on this machine's network and Playwright cannot route a
        // redirect's target, so the navigation ends in a DNS failure: the request the browser made after the redirect is the proof.
        IRequest? followed = null;
        IResponse? redirect = null;
        await using (var reader = await Rig.Browser.NewContextAsync(new BrowserNewContextOptions { UserAgent = PersonsBrowser }))
        {
            var tab = await reader.NewPageAsync();
            tab.Request += (_, request) =>
            {
                if (request.RedirectedFrom?.Url == link)
                {
                    followed = request;
                }
            };
            try
            {
                await tab.GotoAsync(link!);
            }
            catch (PlaywrightException ex) when (ex.Message.Contains("ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal))
            {
            }

            redirect = followed is null ? null : await followed.RedirectedFrom!.ResponseAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(redirect?.Status, Is.EqualTo(302), "serve answers the tracked link with a redirect");
            Assert.That(followed?.Url, Is.EqualTo(original), "the tracked link redirects to the template's own URL");
        });
        var engagement = await UntilAsync(async () => (await Rig.Serve.QueryAsync<(string? OpenedAt, string? ClickedAt)>(
                $"SELECT first_human_open_at, first_human_click_at FROM engagement_messages WHERE ledger_id = {ledger.Id.ToString(CultureInfo.InvariantCulture)}", cancellationToken))
            .Where(e => e.OpenedAt is not null && e.ClickedAt is not null).Select(e => new[] { e.OpenedAt!, e.ClickedAt! }).SingleOrDefault(),
            TimeSpan.FromSeconds(20), "the human open and click recorded", cancellationToken);
        var (openedAt, clickedAt) = (engagement[0], engagement[1]);

        // 4. The manager opens the deal's card: the letter in the tab's history.
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await Rig.OpenAsync(page, "deal", PortalRig.Manager, "en", deal);
        var opened = "opened " + await FormatAsync(frame, openedAt);
        var clicked = "clicked " + await FormatAsync(frame, clickedAt);
        var history = frame.GetByRole(AriaRole.Region, new() { Name = "E-mail history" });
        var row = history.GetByRole(AriaRole.Row).Filter(new() { HasText = Scenario });
        await row.First.WaitForAsync(new() { Timeout = (float)PortalRig.Wait.TotalMilliseconds });
        var dealRow = await LetterAsync(row);
        var enrollment = await frame.GetByRole(AriaRole.Region, new() { Name = "Scenarios" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = Scenario }).AllInnerTextsAsync();
        var dealViolations = await Rig.AxeAsync(frame);
        await PortalRig.ScreenshotAsync(page.Locator("#app-frame"), "deal-tab-scenario-letter");

        // The contact's card shows the same letter.
        var contactFrame = await Rig.OpenAsync(page, "contact", PortalRig.Manager, "en", contact);
        var contactRows = contactFrame.GetByRole(AriaRole.Region, new() { Name = "E-mail history" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Scenario });
        await contactRows.First.WaitForAsync(new() { Timeout = (float)PortalRig.Wait.TotalMilliseconds });
        var contactRow = await LetterAsync(contactRows);
        var contactViolations = await Rig.AxeAsync(contactFrame);
        await PortalRig.ScreenshotAsync(page.Locator("#app-frame"), "contact-tab-scenario-letter");
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"move → .eml {movedToFile.TotalSeconds:F1} s; whole flow {clock.Elapsed.TotalSeconds:F1} s; deal tab row: {string.Join(" | ", dealRow.Cells)}"));

        Assert.Multiple(() =>
        {
            Assert.That(dealRow.Count, Is.EqualTo(1), "one letter of the scenario in the deal's history");
            Assert.That(dealRow.Cells[1], Does.Contain("Scenario:").And.Contain(Scenario).And.Contain("step offer"), "the scenario's name and its step");
            Assert.That(dealRow.Cells[2], Does.Contain(recipient).IgnoreCase, "to the deal's contact");
            Assert.That(dealRow.Cells[3], Is.EqualTo("Clicked"), "the status badge");
            Assert.That(dealRow.Cells[4], Does.Contain(opened), "the first human open, as recorded");
            Assert.That(dealRow.Cells[4], Does.Contain(clicked), "the first human click, as recorded");
            Assert.That(dealRow.Links, Is.EqualTo(new[] { original + " ×1" }), "the clicked link, its original URL, once");
            Assert.That(enrollment.Select(e => Spaces().Replace(e, " ")).ToList(), Has.Count.EqualTo(1).And.Some.Contains("Active").And.Some.Contains("Step: opened-offer due "),
                "the enrollment waits two days for its next step, the check whether the offer was opened");
            Assert.That(dealViolations, Is.Empty, "axe-core: serious or critical violations in the deal tab");
            Assert.That(contactRow.Count, Is.EqualTo(1), "the contact's history holds the same letter");
            Assert.That(contactRow.Cells, Is.EqualTo(dealRow.Cells), "shown the same in the contact's tab");
            Assert.That(contactRow.Links, Is.EqualTo(dealRow.Links));
            Assert.That(contactViolations, Is.Empty, "axe-core: serious or critical violations in the contact tab");
        });
    }

    /// <summary>The history's rows of the scenario: how many, the first's cells as seen, and the links listed under "Links clicked".</summary>
    private static async Task<(int Count, IReadOnlyList<string> Cells, IReadOnlyList<string> Links)> LetterAsync(ILocator rows)
    {
        var first = rows.First;
        var cells = (await first.GetByRole(AriaRole.Cell).AllInnerTextsAsync()).Select(c => Spaces().Replace(c, " ").Trim()).ToList();
        var links = (await first.GetByRole(AriaRole.List, new() { Name = "Links clicked" }).GetByRole(AriaRole.Listitem).AllInnerTextsAsync())
            .Select(l => Spaces().Replace(l, " ").Trim()).ToList();
        return (await rows.CountAsync(), cells, links);
    }

    /// <summary>A stored time as the page formats it for its viewer (the browser's Intl, the page's language).</summary>
    private static Task<string> FormatAsync(IFrame frame, string iso) =>
        frame.EvaluateAsync<string>("iso => new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))", iso);

    /// <summary>A call of the app's routes from inside the frame, with the page's own session token.</summary>
    private static async Task<(int Status, string Body)> FetchAsync(IFrame frame, string method, string path, JsonObject body)
    {
        var answer = await frame.EvaluateAsync<JsonElement>("""
            async ([method, path, body]) => {
              const token = JSON.parse(document.getElementById('crmesp-context').textContent).token;
              const r = await fetch(path, { method, headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' }, body });
              return { status: r.status, body: await r.text() };
            }
            """, new object[] { method, path, body.ToJsonString() });
        return (answer.GetProperty("status").GetInt32(), answer.GetProperty("body").GetString() ?? "");
    }

    /// <summary>The shipped template file (YAML) as the editor's JSON: its subject, preheader and blocks.</summary>
    private static JsonObject TemplateFromManifest(string name)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Manifest("templates", name + ".yaml"))));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var template = new JsonObject();
        foreach (var (key, value) in root.Children)
        {
            var field = ((YamlDotNet.RepresentationModel.YamlScalarNode)key).Value!;
            if (field is not ("name" or "version"))
            {
                template[field] = Json(value);
            }
        }

        return template;
    }

    private static JsonNode? Json(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlDotNet.RepresentationModel.YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlDotNet.RepresentationModel.YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        YamlDotNet.RepresentationModel.YamlSequenceNode list => new JsonArray([.. list.Children.Select(Json)]),
        YamlDotNet.RepresentationModel.YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static string Manifest(string kind, string file) => Path.Combine(PortalRig.RepositoryRoot(), "manifests", kind, file);

    private static async Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan limit, string what, CancellationToken cancellationToken)
        where T : class => await UntilAsync(() => Task.FromResult(probe()), limit, what, cancellationToken);

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan limit, string what, CancellationToken cancellationToken)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{what}: not there after {limit.TotalSeconds:F0} s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The built crm-esp.dll as a CLI on the rig's store; fails the test with its output unless it exits 0.</summary>
    private async Task CliAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Rig.Serve.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { TestSupport.ServeChildren.Dll }.Concat(args).Append($"--Store:Path={Rig.Serve.StorePath}"))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        Rig.Serve.Adopt(process);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        Rig.Serve.Release(process);
        Assert.That(process.ExitCode, Is.EqualTo(0), $"crm-esp {string.Join(' ', args)}:\n{await output}\n{await error}");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
