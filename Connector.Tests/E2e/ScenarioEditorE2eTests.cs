using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Sandbox.Seeding;
using Connector.Scenarios;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Connector.Tests.E2e;

/// <summary>
/// Issue 11's "done" line in the browser: a marketer (the admin, user 1) inside the sandbox portal's app frame creates the
/// two templates and builds the proposal follow-up scenario by hand in the step-list editor (deal entered the default
/// pipeline's Proposal stage, picked by its name → send the offer; wait 2 days; not opened → the reminder; deal won →
/// stop), saves it (active at once), sees it in the list with its counts and its funnel; makes a step invalid and sees
/// the server's error — the file import's own words — inside that step's group while nothing is stored; sees the
/// client's check block a send step with no template with the same words as the server; fixes the step and gets a new
/// version in the versions list; and moves a deal into the stage through the sandbox's REST (the real event path) and
/// sees the funnel's "entered" go up. The tests run in order on one rig and one scenario.
/// </summary>
[NonParallelizable]
[CancelAfter(240_000)]
public sealed partial class ScenarioEditorE2eTests : PortalFixture
{
    private const string Name = "proposal-follow-up";
    private const string Offer = "proposal";
    private const string Reminder = "proposal-reminder";

    private long? _scenario;

    /// <summary>The default pipeline (category 0) and its PREPARATION stage — the proposal stage of the example — as the sandbox names them.</summary>
    private static readonly string PipelineName = SandboxCatalog.Pipelines.Single(p => p.Id == 0).Name;

    private static readonly string StageName = SandboxCatalog.Stages.Single(s => s.CategoryId == 0 && s.StatusId == "PREPARATION").Name;

    [Test]
    [Order(1)]
    public async Task Marketer_BuildsTheProposalFollowUp_InTheStepEditor_SavesIt_SeesItActiveInTheList_AndItsFunnel(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await Rig.OpenAsync(page, "app", PortalRig.Admin, "en");
        var violations = new List<string>();

        // The two letters first, in the Templates section (a new template starts as a short letter, stored at once).
        await frame.GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true }).ClickAsync();
        await Heading(frame, "Templates").WaitForAsync();
        violations.AddRange(Named("templates", await Rig.AxeAsync(frame)));
        foreach (var template in new[] { Offer, Reminder })
        {
            await frame.GetByRole(AriaRole.Button, new() { Name = "New template", Exact = true }).ClickAsync();
            await frame.GetByLabel("Name", new() { Exact = true }).FillAsync(template);
            await frame.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
            await Heading(frame, $"Template “{template}”").WaitForAsync();
            if (template == Offer)
            {
                violations.AddRange(Named("template editor", await Rig.AxeAsync(frame)));
            }

            await frame.GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true }).ClickAsync();
            await frame.GetByRole(AriaRole.Link, new() { Name = template, Exact = true }).WaitForAsync();
        }

        // The scenarios section: nothing yet; a new scenario from scratch.
        await frame.GetByRole(AriaRole.Link, new() { Name = "Scenarios", Exact = true }).ClickAsync();
        await Heading(frame, "Scenarios").WaitForAsync();
        violations.AddRange(Named("scenarios (empty)", await Rig.AxeAsync(frame)));
        await frame.GetByRole(AriaRole.Link, new() { Name = "New scenario", Exact = true }).ClickAsync();
        await Heading(frame, "New scenario").WaitForAsync();

        await frame.GetByLabel("Name", new() { Exact = true }).FillAsync(Name);
        var trigger = frame.GetByRole(AriaRole.Group, new() { Name = "Trigger", Exact = true });
        await PickAsync(frame, trigger.GetByLabel("When", new() { Exact = true }), "A deal enters a stage");
        await PickAsync(frame, trigger.GetByLabel("Pipeline", new() { Exact = true }), PipelineName);
        await PickAsync(frame, trigger.GetByLabel("Stage", new() { Exact = true }), StageName);
        var stopOnWon = frame.GetByRole(AriaRole.Checkbox, new() { Name = "Stop when the deal is won", Exact = true });

        // 1 the offer, 2 wait two days, 3 opened the offer? — yes: 5 stop; no: 4 the reminder, then 5.
        await AddStepAsync(frame, "Send template");
        var offer = Step(frame, 1, "Send template");
        await offer.GetByLabel("Step id", new() { Exact = true }).FillAsync("offer");
        await PickAsync(frame, offer.GetByLabel("Template", new() { Exact = true }), Offer);

        await AddStepAsync(frame, "Wait");
        var wait = Step(frame, 2, "Wait");
        await wait.GetByLabel("Step id", new() { Exact = true }).FillAsync("wait-2d");
        await wait.GetByLabel("Wait for (2d, 12h, 30m)", new() { Exact = true }).FillAsync("2d");

        await AddStepAsync(frame, "Condition");
        var condition = Step(frame, 3, "Condition");
        await condition.GetByLabel("Step id", new() { Exact = true }).FillAsync("opened-offer");
        await PickAsync(frame, condition.GetByLabel("Test", new() { Exact = true }), "The e-mail was opened");
        await PickAsync(frame, condition.GetByLabel("E-mail of step", new() { Exact = true }), "1. offer");

        await PickAsync(frame, frame.GetByLabel("Kind of the new step", new() { Exact = true }), "Exit");
        await condition.GetByRole(AriaRole.Button, new() { Name = "Add a step to “yes”", Exact = true }).ClickAsync();
        await Step(frame, 4, "Exit").GetByLabel("Step id", new() { Exact = true }).FillAsync("done");

        await PickAsync(frame, frame.GetByLabel("Kind of the new step", new() { Exact = true }), "Send template");
        await condition.GetByRole(AriaRole.Button, new() { Name = "Add a step to “no”", Exact = true }).ClickAsync();
        var reminder = Step(frame, 4, "Send template");
        await reminder.GetByLabel("Step id", new() { Exact = true }).FillAsync("reminder");
        await PickAsync(frame, reminder.GetByLabel("Template", new() { Exact = true }), Reminder);
        var branches = new[] { await reminder.TextContentAsync() ?? "", await Step(frame, 5, "Exit").TextContentAsync() ?? "" };
        var wonChecked = await stopOnWon.IsCheckedAsync();
        violations.AddRange(Named("new scenario", await Rig.AxeAsync(frame)));
        await PortalRig.ScreenshotAsync(page, "scenario-editor-built");

        await frame.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Heading(frame, Name).WaitForAsync();
        var row = (await QueryAsync<(long Id, string State, long Version)>(
            "SELECT id AS Id, state AS State, current_version AS Version FROM scenarios WHERE name = @Name", new { Name }, cancellationToken)).Single();
        _scenario = row.Id;
        var stored = await DefinitionAsync(row.Id, 1, cancellationToken);
        var manifest = ScenarioFileReader.Read(await File.ReadAllTextAsync(Path.Combine(PortalRig.RepositoryRoot(), "manifests", "scenarios", "proposal-follow-up.yaml"), cancellationToken));
        var header = await frame.Locator("#app").TextContentAsync() ?? "";
        violations.AddRange(Named("scenario", await Rig.AxeAsync(frame)));

        // Its funnel: no one has entered yet.
        await frame.GetByRole(AriaRole.Tab, new() { Name = "Funnel", Exact = true }).ClickAsync();
        var funnelEmpty = frame.GetByText("No one has entered this version yet.", new() { Exact = true });
        await funnelEmpty.WaitForAsync();
        violations.AddRange(Named("funnel", await Rig.AxeAsync(frame)));
        await PortalRig.ScreenshotAsync(page, "scenario-funnel-empty");

        // The list: active, version 1, its trigger and counts.
        await frame.GetByRole(AriaRole.Link, new() { Name = "← All scenarios" }).ClickAsync();
        var listed = frame.GetByRole(AriaRole.Row).Filter(new() { Has = frame.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }) });
        await listed.WaitForAsync();
        var cells = (await listed.Locator("th, td").AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        violations.AddRange(Named("scenarios", await Rig.AxeAsync(frame)));
        await PortalRig.ScreenshotAsync(page, "scenario-list-active");
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"built, saved and listed in the browser in {clock.Elapsed.TotalSeconds:F1} s"));

        // The list's example opens the same scenario ready-made: its stage shown by name, and it checks clean now the templates exist.
        await frame.GetByRole(AriaRole.Link, new() { Name = "Proposal follow-up (example)", Exact = true }).ClickAsync();
        await Heading(frame, "New scenario").WaitForAsync();
        var exampleStage = (await frame.GetByRole(AriaRole.Group, new() { Name = "Trigger", Exact = true }).GetByLabel("Stage", new() { Exact = true }).TextContentAsync())?.Trim();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        var exampleChecked = frame.GetByRole(AriaRole.Status).Filter(new() { HasText = "No problems found." });
        await exampleChecked.WaitForAsync();
        var exampleSteps = await frame.GetByRole(AriaRole.Group, new() { NameRegex = StepName() }).CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(manifest.IsValid, Is.True, string.Join("; ", manifest.Errors.Select(e => e.Message)));
            Assert.That(Shape(stored), Is.EqualTo(Shape(manifest.Definition!)),
                "what the editor stored is manifests/scenarios/proposal-follow-up.yaml: its trigger, rules, steps and where each goes");
            Assert.That(stored.Trigger.Stage, Is.EqualTo("PREPARATION"), $"the stage picked by its name '{StageName}'");
            Assert.That(wonChecked, Is.True, "exit on deal won");
            Assert.That(branches[0], Does.Contain("No — branch of “opened-offer”"), "the reminder is the condition's no branch");
            Assert.That(branches[1], Does.Not.Contain("branch of"), "the stop is where the two branches join");
            Assert.That(row.State, Is.EqualTo("active"), "a saved scenario is active at once");
            Assert.That(row.Version, Is.EqualTo(1));
            Assert.That(header, Does.Contain("Active").And.Contain("Version 1").And.Contain("A deal enters a stage"));
            Assert.That(cells, Is.EqualTo(new[] { Name, "Active", "1", "A deal enters a stage", "0", "0", "0", "0" }),
                "name, state, version, trigger, enrolled, waiting, completed, exited");
            Assert.That(exampleStage, Is.EqualTo(StageName), "the example's trigger stage, by its name");
            Assert.That(exampleSteps, Is.EqualTo(5), "the example's five steps");
            Assert.That(violations, Is.Empty, "axe-core: serious or critical violations");
        });
    }

    [Test]
    [Order(2)]
    public async Task InvalidStep_ShowsTheImportsErrorInsideThatStep_StoresNothing_ClientCheckInTheSameWords_FixedIsANewVersion(CancellationToken cancellationToken)
    {
        var id = _scenario ?? throw new InconclusiveException("the scenario of the first test was not saved");
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await OpenScenarioAsync(page, id);
        var source = (await QueryAsync<string>("SELECT source FROM scenario_versions WHERE scenario_id = @Id AND version = 1", new { Id = id }, cancellationToken)).Single();
        var save = frame.GetByRole(AriaRole.Button, new() { Name = "Save as a new version", Exact = true });

        // A negative wait: the page has no rule for durations, so the server reads the file as the import does.
        var wait = Step(frame, 2, "Wait");
        var waitFor = wait.GetByLabel("Wait for (2d, 12h, 30m)", new() { Exact = true });
        await waitFor.FillAsync("-3d");
        var answer = page.WaitForResponseAsync(r => r.Request.Method == "PUT" && r.Url.EndsWith(string.Create(CultureInfo.InvariantCulture, $"/api/ui/scenarios/{id}"), StringComparison.Ordinal));
        await save.ClickAsync();
        var response = await answer;
        var problem = await response.JsonAsync() ?? default;
        var alert = wait.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();
        var shown = (await alert.TextContentAsync())?.Trim();
        var expected = ScenarioFileReader.Read(Edited(source, file => file["steps"]![1]!["wait"]!["for"] = "-3d")).Errors.Single(e => e.Path == "$.steps[1].wait.for");
        var elsewhere = new List<string>();
        foreach (var (n, kind) in new[] { (1, "Send template"), (3, "Condition"), (4, "Send template"), (5, "Exit") })
        {
            elsewhere.AddRange(await Step(frame, n, kind).GetByRole(AriaRole.Alert).AllTextContentsAsync());
        }

        var summary = await frame.GetByRole(AriaRole.Alert).Filter(new() { HasText = "nothing was saved" }).TextContentAsync();
        var afterServer = await StateAsync(id, cancellationToken);
        var violations = Named("step error", await Rig.AxeAsync(frame)).ToList();
        await wait.ScrollIntoViewIfNeededAsync();
        await PortalRig.ScreenshotAsync(page, "scenario-editor-step-error");

        // A send step with no template: the page's own check blocks Save and Check before the server, in the import's words.
        await waitFor.FillAsync("3d");
        await AddStepAsync(frame, "Send template");
        var empty = Step(frame, 6, "Send template");
        var sent = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/ui/scenarios", StringComparison.Ordinal) && request.Method is "PUT" or "POST")
            {
                lock (sent)
                {
                    sent.Add($"{request.Method} {request.Url}");
                }
            }
        };
        await save.ClickAsync();
        var clientAlert = empty.GetByRole(AriaRole.Alert);
        await clientAlert.WaitForAsync();
        var clientShown = (await clientAlert.TextContentAsync())?.Trim();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        await empty.ScrollIntoViewIfNeededAsync();
        await PortalRig.ScreenshotAsync(page, "scenario-editor-client-check");
        // The file the page would send, as its Text tab shows it, read by the import.
        await frame.GetByRole(AriaRole.Tab, new() { Name = "Text", Exact = true }).ClickAsync();
        var text = await frame.GetByRole(AriaRole.Textbox, new() { Name = "Text", Exact = true }).InputValueAsync();
        var importSays = ScenarioFileReader.Read(text).Errors.Where(e => e.Path == "$.steps[5].send").Select(e => e.Message).ToList();
        await frame.GetByRole(AriaRole.Tab, new() { Name = "Steps", Exact = true }).ClickAsync();
        var afterClient = await StateAsync(id, cancellationToken);
        List<string> blocked;
        lock (sent)
        {
            blocked = [.. sent];
        }

        // Fixed: the empty step removed, the wait of three days saved — a new version, in the versions list.
        await frame.GetByRole(AriaRole.Button, new() { Name = "Remove step 6", Exact = true }).ClickAsync();
        await save.ClickAsync();
        var versions = frame.GetByLabel("Shown version", new() { Exact = true });
        await versions.WaitForAsync();
        var header = await frame.Locator("#app").TextContentAsync() ?? "";
        await versions.ClickAsync();
        var options = (await frame.GetByRole(AriaRole.Option).AllTextContentsAsync()).Select(o => o.Trim()).ToList();
        await PortalRig.ScreenshotAsync(page, "scenario-versions");
        await PickAsync(frame, versions, "Version 1", open: false);
        var oldWait = await EventuallyAsync(() => Step(frame, 2, "Wait").GetByLabel("Wait for (2d, 12h, 30m)", new() { Exact = true }).InputValueAsync(), "2d");
        violations.AddRange(Named("versions", await Rig.AxeAsync(frame)));
        var afterFix = await StateAsync(id, cancellationToken);
        var stored = await DefinitionAsync(id, 2, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.Status, Is.EqualTo(400));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "steps[1].wait.for" }),
                "the server names the step and field ($.steps[1].wait.for)");
            Assert.That(shown, Is.EqualTo(expected.Message), "the import's words, inside the group \"Step 2: Wait\"");
            Assert.That(elsewhere, Is.Empty, "no other step shows an error");
            Assert.That(summary, Does.Contain("1 problem(s); nothing was saved."));
            Assert.That(afterServer, Is.EqualTo((1L, 1L)), "nothing stored: version 1 is current, one version");
            Assert.That(importSays, Is.EqualTo(new[] { clientShown }), "the page's check speaks the import's words for the file it would send");
            Assert.That(blocked, Is.Empty, "the page's check kept Save and Check from reaching the server");
            Assert.That(afterClient, Is.EqualTo((1L, 1L)));
            Assert.That(afterFix, Is.EqualTo((2L, 2L)), "fixed and saved: version 2 is current, two versions stored");
            Assert.That(stored.Steps[1].WaitFor, Is.EqualTo(TimeSpan.FromDays(3)));
            Assert.That(stored.Steps.Select(s => s.Id), Is.EqualTo(new[] { "offer", "wait-2d", "opened-offer", "reminder", "done" }));
            Assert.That(header, Does.Contain("Version 2 ·"));
            Assert.That(options, Is.EqualTo(new[] { "Version 1", "Version 2" }), "the versions list");
            Assert.That(oldWait, Is.EqualTo("2d"), "version 1 is still there to read");
            Assert.That(violations, Is.Empty, "axe-core: serious or critical violations");
        });
    }

    [Test]
    [Order(3)]
    public async Task DealMovedIntoTheStage_InTheSandbox_EntersTheScenario_AndTheFunnelCountsIt(CancellationToken cancellationToken)
    {
        var id = _scenario ?? throw new InconclusiveException("the scenario of the first test was not saved");
        // A deal of the default pipeline in its first stage whose first contact has a valid address and allows mailing.
        var (deal, address) = (await QueryAsync<(long, string)>("""
            SELECT d.crm_id, e.address FROM deals d
            JOIN deal_contacts dc ON dc.portal_id = d.portal_id AND dc.deal_id = d.crm_id
              AND dc.position = (SELECT MIN(x.position) FROM deal_contacts x WHERE x.portal_id = d.portal_id AND x.deal_id = d.crm_id)
            JOIN contacts c ON c.portal_id = dc.portal_id AND c.crm_id = dc.contact_id AND c.deleted = 0 AND coalesce(c.export, 1) = 1
            JOIN contact_emails e ON e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND e.position = 0 AND e.is_valid = 1
            WHERE d.deleted = 0 AND d.pipeline_id = 0 AND d.stage_id = 'NEW'
            ORDER BY d.crm_id LIMIT 1
            """, null, cancellationToken)).Single();
        var pickup = Path.Combine(Rig.Serve.Folder, "pickup");

        // What a manager does on the deal card, through the portal's REST (its incoming webhook): the portal fires
        // ONCRMDEALUPDATE to the app, the connector mirrors the move and the scenario's trigger pass enrolls the deal.
        using var http = new HttpClient { BaseAddress = Rig.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var moved = await http.PostAsJsonAsync("sandbox/rest/1/sandboxwebhook0000000000/crm.deal.update.json",
            new { id = deal.ToString(CultureInfo.InvariantCulture), fields = new { STAGE_ID = "PREPARATION" } }, cancellationToken);
        moved.EnsureSuccessStatusCode();
        var clock = Stopwatch.StartNew();
        while (await CountAsync("SELECT COUNT(*) FROM scenario_enrollments WHERE scenario_id = @Id AND deal_id = @Deal", new { Id = id, Deal = deal }, cancellationToken) == 0)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                Assert.Fail($"deal {deal} did not enter the scenario within 90 s of its move");
            }

            await Task.Delay(250, cancellationToken);
        }

        var entered = clock.Elapsed;

        // The offer goes out: its letter is written to the sandbox's pickup folder, addressed to the deal's contact.
        string? letter = null;
        while (letter is null)
        {
            letter = Directory.Exists(pickup)
                ? Directory.EnumerateFiles(pickup, "*.eml").FirstOrDefault(f => File.ReadAllText(f).Contains(address, StringComparison.OrdinalIgnoreCase))
                : null;
            if (letter is null && clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                var why = await QueryAsync<string>(
                    "SELECT state || ' ' || coalesce(exit_reason, '') || ' at ' || coalesce(step, '') FROM scenario_enrollments WHERE scenario_id = @Id", new { Id = id }, cancellationToken);
                Assert.Fail($"no letter to {address} in {pickup} within 120 s of the move; enrollments: {string.Join("; ", why)}");
            }

            await Task.Delay(250, cancellationToken);
        }

        var mailed = clock.Elapsed;
        await using var context = await Rig.NewContextAsync();
        var page = await context.NewPageAsync();
        var frame = await OpenScenarioAsync(page, id);
        await frame.GetByRole(AriaRole.Tab, new() { Name = "Funnel", Exact = true }).ClickAsync();
        var first = frame.GetByRole(AriaRole.Row).Filter(new() { HasText = "1. offer" });
        await first.WaitForAsync();
        var cells = (await first.Locator("td").AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        var violations = Named("funnel", await Rig.AxeAsync(frame)).ToList();
        await PortalRig.ScreenshotAsync(page, "scenario-funnel-entered");
        await frame.GetByRole(AriaRole.Link, new() { Name = "← All scenarios" }).ClickAsync();
        var listed = frame.GetByRole(AriaRole.Row).Filter(new() { Has = frame.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }) });
        await listed.WaitForAsync();
        var counts = (await listed.Locator("td").AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"deal {deal} moved into {StageName}: enrolled after {entered.TotalSeconds:F1} s, the offer in the pickup folder after {mailed.TotalSeconds:F1} s"));

        Assert.Multiple(() =>
        {
            // cells: the bar (empty), entered, waiting, sent, opened, clicked, exited.
            Assert.That(cells[1], Is.EqualTo("1"), "the funnel's first step: entered 1");
            Assert.That(cells[3], Does.StartWith("1"), "the funnel's first step: sent 1");
            Assert.That(counts[3], Is.EqualTo("1"), "the list: enrolled 1");
            Assert.That(violations, Is.Empty);
        });
    }

    private async Task<IFrame> OpenScenarioAsync(IPage page, long id)
    {
        var frame = await Rig.OpenAsync(page, "app", PortalRig.Admin, "en");
        await frame.GetByRole(AriaRole.Link, new() { Name = "Scenarios", Exact = true }).ClickAsync();
        await frame.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }).ClickAsync();
        await Heading(frame, Name).WaitForAsync();
        await Step(frame, 1, "Send template").WaitForAsync();
        Assert.That(frame.Url, Does.EndWith(string.Create(CultureInfo.InvariantCulture, $"#/scenarios/{id}")));
        return frame;
    }

    /// <summary>The value read until it is <paramref name="expected"/> or 10 s passed; the last one read.</summary>
    private static async Task<string> EventuallyAsync(Func<Task<string>> read, string expected)
    {
        var clock = Stopwatch.StartNew();
        var value = await read();
        while (value != expected && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    [GeneratedRegex(@"^Step \d+: ")]
    private static partial Regex StepName();

    private static ILocator Heading(IFrame frame, string name) => frame.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    /// <summary>A step of the editor: its <c>role="group"</c> labelled "Step N: kind".</summary>
    private static ILocator Step(IFrame frame, int n, string kind) =>
        frame.GetByRole(AriaRole.Group, new() { Name = string.Create(CultureInfo.InvariantCulture, $"Step {n}: {kind}"), Exact = true });

    private static async Task AddStepAsync(IFrame frame, string kind)
    {
        await PickAsync(frame, frame.GetByLabel("Kind of the new step", new() { Exact = true }), kind);
        await frame.GetByRole(AriaRole.Button, new() { Name = "Add step", Exact = true }).ClickAsync();
    }

    /// <summary>Opens a select (the kit's listbox) and picks the option of that visible text.</summary>
    private static async Task PickAsync(IFrame frame, ILocator select, string option, bool open = true)
    {
        if (open)
        {
            await select.ClickAsync();
        }

        await frame.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await frame.GetByRole(AriaRole.Listbox).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    private static IEnumerable<string> Named(string where, IEnumerable<string> violations) => violations.Select(v => $"{where}: {v}");

    /// <summary>The stored file with one change, as the import would read it from disk.</summary>
    private static string Edited(string source, Action<JsonNode> change)
    {
        var file = JsonNode.Parse(source)!;
        change(file);
        return file.ToJsonString();
    }

    /// <summary>What a scenario does, lines left out: trigger, rules, and each step with where it goes.</summary>
    private static string Shape(ScenarioDefinition definition) => JsonSerializer.Serialize(new
    {
        definition.Name,
        Trigger = definition.Trigger with { Line = 0 },
        definition.MaxLateness,
        definition.ReEntry,
        definition.Exit,
        Steps = definition.Steps.Select(s => new { s.Id, s.Kind, s.Template, s.Mail, s.WaitFor, s.Condition, Goes = definition.Successors(s) }),
    }, ScenarioDefinition.Json);

    private async Task<ScenarioDefinition> DefinitionAsync(long id, long version, CancellationToken cancellationToken)
    {
        var json = (await QueryAsync<string>("SELECT definition FROM scenario_versions WHERE scenario_id = @Id AND version = @Version", new { Id = id, Version = version }, cancellationToken)).Single();
        return JsonSerializer.Deserialize<ScenarioDefinition>(json, ScenarioDefinition.Json)!;
    }

    private async Task<(long Current, long Versions)> StateAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync<(long, long)>(
            "SELECT current_version, (SELECT COUNT(*) FROM scenario_versions v WHERE v.scenario_id = s.id) FROM scenarios s WHERE s.id = @Id", new { Id = id }, cancellationToken)).Single();

    private Task<long> CountAsync(string sql, object parameters, CancellationToken cancellationToken) => Rig.Serve.CountAsync(sql, cancellationToken, parameters);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={Rig.Serve.StorePath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }
}
