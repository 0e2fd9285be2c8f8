using System.Globalization;
using System.Text.Json;
using Connector.Segments;
using Connector.Store;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Scenarios.Ui;

/// <summary>
/// <c>/api/ui/scenarios*</c>: the app page's Scenarios section (not a card tab's). The list with counts, one scenario
/// as the file's JSON tree, save (new scenario or, for a known one, a new version — the file import's own reader and
/// checks, so the errors are the same, each with the field path of its step), pause and resume (the CLI's rules),
/// dry run and the funnel per step. Every route reads and writes only the caller's portal: another portal's id is 404.
/// </summary>
public static partial class ScenariosUi
{
    /// <summary>A saved file's text is at most this long (the CLI reads files of any size; a page sends a form).</summary>
    public const int MaxSource = 256 * 1024;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static RouteGroupBuilder MapScenariosUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ui.MapGet("/scenarios", ListAsync)
            .WithSummary("The portal's scenarios: state, current version, trigger type, enrolled/waiting/completed/exited counts");
        ui.MapGet("/scenarios/lookups", LookupsAsync)
            .WithSummary("What the scenario editor offers: pipelines with stage names from the mirror, stored templates, saved segments, RFM segments");
        ui.MapPost("/scenarios/check", CheckAsync)
            .WithSummary("Check a scenario file (JSON tree or text) as the import does, storing nothing: 204, or 400 with every error at its step and field");
        ui.MapPost("/scenarios", CreateAsync)
            .WithSummary("Create a scenario from a file (JSON tree or text); 400 lists every error of the import at its step and field, 409 when the name is taken");
        ui.MapGet("/scenarios/{id:long}", DetailAsync)
            .WithSummary("One scenario for the editor: counts, versions, and a version (?version=N, default current) as the file's JSON tree and text");
        ui.MapPut("/scenarios/{id:long}", SaveAsync)
            .WithSummary("Save an edited scenario: a changed file is a new version (running enrollments finish on theirs), an unchanged one is reported as such");
        ui.MapPost("/scenarios/{id:long}/pause", (long id, HttpContext http, CancellationToken ct) => ChangeAsync(id, "pause", http, ct))
            .WithSummary("Pause an active scenario: due steps wait, no one enters until resume");
        ui.MapPost("/scenarios/{id:long}/resume", (long id, HttpContext http, CancellationToken ct) => ChangeAsync(id, "resume", http, ct))
            .WithSummary("Resume a paused (or stopped) scenario; 409 while the reason it paused itself holds");
        ui.MapPost("/scenarios/{id:long}/dry-run", DryRunAsync)
            .WithSummary("Who would enter the scenario now, and how many are skipped and why; enters no one, sends nothing");
        ui.MapGet("/scenarios/{id:long}/funnel", FunnelAsync)
            .WithSummary("The funnel per step of a version (?version=N, default current): entered, waiting, sent, opened, clicked, exited, completed");
        return ui;
    }

    private static async Task<Ok<IReadOnlyList<ScenarioListItem>>> ListAsync(HttpContext http, ScenarioStore store, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        var items = new List<ScenarioListItem>();
        foreach (var row in (await store.ListAsync(cancellationToken)).Where(r => r.PortalId == caller.PortalId))
        {
            items.Add(await ItemAsync(store, row, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<ScenarioListItem>>(items);
    }

    private static async Task<Ok<ScenarioLookups>> LookupsAsync(HttpContext http, MirrorQueries mirror, ScenarioTemplates templates, SegmentStore segments, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        var stages = new List<StageRow>();
        await foreach (var stage in mirror.StagesWithoutCountsAsync(caller.PortalId, cancellationToken))
        {
            stages.Add(stage);
        }

        var pipelines = stages.GroupBy(s => s.PipelineId).OrderByDescending(g => g.First().IsDefault).ThenBy(g => g.Key)
            .Select(g => new PipelineOption(g.Key, g.First().PipelineName, g.OrderBy(s => s.Sort).Select(s => new StageOption(s.StageId, s.Name, s.Semantic)).ToList()))
            .ToList();
        var saved = (await segments.ListAsync(cancellationToken)).Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ScenarioLookups(pipelines, await templates.NamesAsync(cancellationToken), saved, Rfm.RfmSegments.All));
    }

    private static async Task<Results<Ok<ScenarioDetail>, ProblemHttpResult>> DetailAsync(long id, long? version, HttpContext http, ScenarioStore store, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(store, id, http, cancellationToken) is not { } row)
        {
            return NotFound(id);
        }

        var shown = version ?? row.CurrentVersion;
        if (await store.VersionAsync(row.Id, shown, cancellationToken) is not { } stored)
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Not found", "version", string.Create(CultureInfo.InvariantCulture, $"scenario {id} has no version {shown}"));
        }

        var versions = Enumerable.Range(1, (int)row.CurrentVersion).Select(v => (long)v).ToList();
        return TypedResults.Ok(new ScenarioDetail(await ItemAsync(store, row, cancellationToken), shown, versions, Document(stored.Source), stored.Source));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CheckAsync(ScenarioSaveBody body, HttpContext http, ScenarioImporter importer, CancellationToken cancellationToken)
    {
        if (Text(body) is not { } text)
        {
            return BodyProblem(body);
        }

        var (_, errors) = await importer.CheckAsync(text.Source, UiApi.Caller(http).PortalId, cancellationToken);
        return errors.Count > 0 ? Invalid(errors, text.Tree) : TypedResults.NoContent();
    }

    private static async Task<Results<Created<ScenarioSaved>, ProblemHttpResult>> CreateAsync(
        ScenarioSaveBody body, HttpContext http, ScenarioImporter importer, ScenarioStore store, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        if (Text(body) is not { } text)
        {
            return BodyProblem(body);
        }

        var (definition, errors) = await importer.CheckAsync(text.Source, caller.PortalId, cancellationToken);
        if (errors.Count > 0 || definition is null)
        {
            return Invalid(errors, text.Tree);
        }

        if (await store.FindByNameAsync(caller.PortalId, definition.Name, cancellationToken) is { } existing)
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Name taken", "name",
                string.Create(CultureInfo.InvariantCulture, $"a scenario named '{definition.Name}' exists (id {existing.Id}): edit it to make a new version, or choose another name"));
        }

        var saved = await store.ImportAsync(caller.PortalId, definition, text.Source, cancellationToken);
        return TypedResults.Created(string.Create(CultureInfo.InvariantCulture, $"/api/ui/scenarios/{saved.ScenarioId}"),
            new ScenarioSaved(saved.ScenarioId, definition.Name, saved.Version, saved.NewVersion, saved.NewScenario));
    }

    private static async Task<Results<Ok<ScenarioSaved>, ProblemHttpResult>> SaveAsync(
        long id, ScenarioSaveBody body, HttpContext http, ScenarioImporter importer, ScenarioStore store, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        if (await OwnedAsync(store, id, http, cancellationToken) is not { } row)
        {
            return NotFound(id);
        }

        if (Text(body) is not { } text)
        {
            return BodyProblem(body);
        }

        var (definition, errors) = await importer.CheckAsync(text.Source, caller.PortalId, cancellationToken);
        if (errors.Count > 0 || definition is null)
        {
            return Invalid(errors, text.Tree);
        }

        if (definition.Name != row.Name)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Invalid scenario", "name",
                $"the name is the scenario's identity: keep '{row.Name}' to make a new version, or create a new scenario under another name");
        }

        var saved = await store.ImportAsync(caller.PortalId, definition, text.Source, cancellationToken);
        return TypedResults.Ok(new ScenarioSaved(saved.ScenarioId, definition.Name, saved.Version, saved.NewVersion, saved.NewScenario));
    }

    private static async Task<Results<Ok<ScenarioStateView>, ProblemHttpResult>> ChangeAsync(long id, string verb, HttpContext http, CancellationToken cancellationToken)
    {
        var store = http.RequestServices.GetRequiredService<ScenarioStore>();
        if (await OwnedAsync(store, id, http, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var change = await http.RequestServices.GetRequiredService<ScenarioLifecycle>().ChangeAsync(id, verb, cancellationToken);
        return change.Done
            ? TypedResults.Ok(new ScenarioStateView(id, change.Scenario!.State, change.Scenario.StateReason))
            : UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "state", $"{verb}: {change.Refusal}");
    }

    private static async Task<Results<Ok<ScenarioDryRun>, ProblemHttpResult>> DryRunAsync(
        long id, HttpContext http, ScenarioStore store, ScenarioTriggers triggers, EnrollmentStore enrollments, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        if (await OwnedAsync(store, id, http, cancellationToken) is null || await triggers.DryRunAsync(id, cancellationToken) is not { } result)
        {
            return NotFound(id);
        }

        var (deals, contacts) = await enrollments.LabelsAsync(caller.PortalId,
            result.Sample.Select(c => c.DealId).OfType<long>().Distinct().ToList(), result.Sample.Select(c => c.ContactId).OfType<long>().Distinct().ToList(), cancellationToken);
        var sample = result.Sample.Select(c => new DryRunEntry(
            c.DealId, c.DealId is { } d ? deals.GetValueOrDefault(d) : null, c.ContactId, c.ContactId is { } k ? contacts.GetValueOrDefault(k) : null, c.OccurredAt)).ToList();
        return TypedResults.Ok(new ScenarioDryRun(result.Entered, result.SkippedLate, result.SkippedReEntry, result.SkippedActive, sample));
    }

    private static async Task<Results<Ok<ScenarioFunnelView>, ProblemHttpResult>> FunnelAsync(
        long id, long? version, HttpContext http, ScenarioStore store, EnrollmentStore enrollments, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(store, id, http, cancellationToken) is not { } row)
        {
            return NotFound(id);
        }

        var shown = version ?? row.CurrentVersion;
        if (await store.VersionAsync(row.Id, shown, cancellationToken) is not { } stored)
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Not found", "version", string.Create(CultureInfo.InvariantCulture, $"scenario {id} has no version {shown}"));
        }

        return TypedResults.Ok(new ScenarioFunnelView(id, shown, await enrollments.FunnelAsync(id, shown, stored.Definition, cancellationToken)));
    }

    private static async Task<ScenarioRow?> OwnedAsync(ScenarioStore store, long id, HttpContext http, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } row && row.PortalId == UiApi.Caller(http).PortalId ? row : null;

    private static async Task<ScenarioListItem> ItemAsync(ScenarioStore store, ScenarioRow row, CancellationToken cancellationToken)
    {
        var trigger = await store.VersionAsync(row.Id, row.CurrentVersion, cancellationToken) is { } current
            ? JsonNamingPolicy.SnakeCaseLower.ConvertName(current.Definition.Trigger.Kind.ToString())
            : null;
        return new ScenarioListItem(row.Id, row.Name, row.State, row.StateReason, row.CurrentVersion, row.PinnedVersion, trigger,
            row.Enrolled, row.Active, row.Completed, row.Exited, row.SkippedLate, row.Name.Contains(':', StringComparison.Ordinal));
    }

    private static ProblemHttpResult NotFound(long id) =>
        UiApi.Problem(StatusCodes.Status404NotFound, "Not found", "id", string.Create(CultureInfo.InvariantCulture, $"no scenario {id}"));
}
