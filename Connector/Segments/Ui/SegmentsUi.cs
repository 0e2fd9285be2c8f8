using System.Text;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Segments.Ui;

/// <summary>
/// The Segments page's routes under <c>/api/ui</c> (the app page's token; the caller's portal only): the field list,
/// a live count, the builder's tree of an expression, the saved segments (the portal's own, and the operator's
/// read-only), and the CSV export (admins: it takes personal data out of the CRM). Everything goes through the slice's
/// own <see cref="SegmentEvaluator"/>, <see cref="SegmentQueries"/> and <see cref="SegmentStore"/>, as the CLI does.
/// </summary>
public static class SegmentsUi
{
    /// <summary>Engagement conditions the builder offers as ready rows (each is the language's own text).</summary>
    public static readonly IReadOnlyList<string> Conditions =
        ["opened in last 30 days", "never opened", "clicked in last 30 days", "never clicked", "hard bounced", "unsubscribed", "suppressed"];

    public static RouteGroupBuilder MapSegmentsUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ui.MapGet("/segments/fields", FieldsAsync)
            .WithSummary("The segment language's fields for the builder: name, type, list or not, operators; the portal's custom fields from the mirror; engagement conditions");
        ui.MapPost("/segments/count", CountAsync)
            .WithSummary("How many of the portal's contacts an expression (or a saved segment's name) selects, as crm-esp segment count; 400 names the column of a bad expression");
        ui.MapPost("/segments/parse", ParseAsync)
            .WithSummary("An expression as the builder's tree (and/or groups, condition rows, text pieces), and its normalised text; 400 names the column");
        ui.MapGet("/segments", ListAsync)
            .WithSummary("The portal's saved segments and the operator's (read-only): name, newest version, saved at, expression");
        ui.MapPost("/segments", CreateAsync)
            .WithSummary("Save a new segment of the portal (name and expression validated whole, as crm-esp segment save)");
        ui.MapPut("/segments/{name}", UpdateAsync)
            .WithSummary("Edit the portal's segment: a new expression adds a version, a new name renames every version (refused while another segment uses it)");
        ui.MapDelete("/segments/{name}", DeleteAsync)
            .WithSummary("Delete the portal's segment, every version (refused while another segment uses it)");
        ui.MapPost("/segments/export", ExportAsync).RequireAdmin()
            .WithSummary("The contacts of an expression or saved segment as the CSV of crm-esp segment export (formula-like cells neutralised); admins only");
        return ui;
    }

    private static async Task<IResult> FieldsAsync(HttpContext http, SegmentCustomFields custom, CancellationToken cancellationToken)
    {
        var caller = UiApi.Caller(http);
        var (contact, deal) = await custom.CodesAsync(caller.PortalId, cancellationToken);
        var labels = await custom.LabelsAsync(caller.PortalId, caller.Language, cancellationToken);
        SegmentFieldView Custom(string owner, string code) =>
            SegmentFieldView.From(SegmentFields.Find($"{owner}.custom.{code}")!) with { Label = labels.TryGetValue((owner, code), out var label) ? label : null };
        var fields = SegmentFields.All.Select(SegmentFieldView.From)
            .Concat(contact.Select(c => Custom("contact", c)))
            .Concat(deal.Select(c => Custom("deal", c)))
            .ToList();
        return TypedResults.Ok(new { fields, conditions = Conditions });
    }

    private static async Task<IResult> CountAsync(HttpContext http, SegmentEvaluator evaluator, SegmentStore store, SegmentQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, bad) = await UiJsonBody.ReadAsync<SegmentBody>(http.Request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var portal = UiApi.Caller(http).PortalId;
        var (prepared, problem) = await PrepareAsync(body!, portal, evaluator, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var started = time.GetTimestamp();
        var count = await queries.CountAsync(portal, prepared!.Sql!, cancellationToken);
        return TypedResults.Ok(new { count, elapsedMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1) });
    }

    private static async Task<IResult> ParseAsync(HttpContext http, SegmentEvaluator evaluator, CancellationToken cancellationToken)
    {
        var (body, bad) = await UiJsonBody.ReadAsync<SegmentBody>(http.Request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        if (body!.Expression is not { } text)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "expression", "an expression is required");
        }

        // The tree is of the text as written (a saved reference stays one piece); the whole is checked as a count would be.
        var parsed = SegmentParser.Parse(text);
        var prepared = parsed.Error is null ? await evaluator.PrepareAsync(text, UiApi.Caller(http).PortalId, cancellationToken) : null;
        if ((parsed.Error ?? prepared!.Error) is { } error)
        {
            return ExpressionProblem(error);
        }

        return TypedResults.Ok(new { tree = SegmentNode.From(parsed.Expression!), text = SegmentText.Format(parsed.Expression!) });
    }

    private static async Task<IResult> ListAsync(HttpContext http, SegmentStore store, CancellationToken cancellationToken)
    {
        var portal = UiApi.Caller(http).PortalId;
        var rows = await store.ListAsync(portal, cancellationToken);
        return TypedResults.Ok(rows.Select(r => new { name = r.Name, version = r.Version, createdAt = r.CreatedAt, expression = r.Expression, shared = r.PortalId is null }));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, SegmentEvaluator evaluator, SegmentStore store, CancellationToken cancellationToken)
    {
        var (body, bad) = await UiJsonBody.ReadAsync<SegmentBody>(http.Request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var portal = UiApi.Caller(http).PortalId;
        var name = body!.Name?.Trim() ?? "";
        if (!SegmentNames.IsValid(name))
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "name", SegmentNames.Rule);
        }

        if (await store.LatestAsync(name, cancellationToken) is not null)
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "name", $"a segment named \"{SegmentError.Capped(name)}\" exists already: choose another name");
        }

        if (body.Expression is not { } text)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "expression", "an expression is required");
        }

        if ((await evaluator.PrepareForSaveAsync(portal, name, text, cancellationToken)).Error is { } error)
        {
            return ExpressionProblem(error);
        }

        var version = await store.SaveAsync(portal, name, text, cancellationToken);
        return TypedResults.Created($"/api/ui/segments/{Uri.EscapeDataString(name)}", new { name, version });
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string name, SegmentEvaluator evaluator, SegmentStore store, CancellationToken cancellationToken)
    {
        var (body, bad) = await UiJsonBody.ReadAsync<SegmentBody>(http.Request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var portal = UiApi.Caller(http).PortalId;
        var (current, refused) = await OwnAsync(name, portal, store, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var newName = body!.Name?.Trim() ?? current!.Name;
        if (!SegmentNames.IsValid(newName))
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "name", SegmentNames.Rule);
        }

        var renaming = !string.Equals(newName, current!.Name, StringComparison.Ordinal);
        if (renaming && await store.LatestAsync(newName, cancellationToken) is { } other && !string.Equals(other.Name, current.Name, StringComparison.OrdinalIgnoreCase))
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "name", $"a segment named \"{SegmentError.Capped(newName)}\" exists already: choose another name");
        }

        var text = body.Expression ?? current.Expression;
        if ((await evaluator.PrepareForSaveAsync(portal, newName, text, cancellationToken)).Error is { } error)
        {
            return ExpressionProblem(error);
        }

        if (renaming)
        {
            if (await UsersAsync(current.Name, portal, store, cancellationToken) is { } users)
            {
                return users;
            }

            if (!await store.RenameAsync(portal, current.Name, newName, cancellationToken))
            {
                return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "name", $"a segment named \"{SegmentError.Capped(newName)}\" exists already: choose another name");
            }
        }

        var version = string.Equals(text, current.Expression, StringComparison.Ordinal)
            ? current.Version
            : await store.SaveAsync(portal, newName, text, cancellationToken);
        return TypedResults.Ok(new { name = newName, version });
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string name, SegmentStore store, CancellationToken cancellationToken)
    {
        var portal = UiApi.Caller(http).PortalId;
        var (current, refused) = await OwnAsync(name, portal, store, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (await UsersAsync(current!.Name, portal, store, cancellationToken) is { } users)
        {
            return users;
        }

        await store.DeleteAsync(portal, current.Name, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ExportAsync(HttpContext http, SegmentEvaluator evaluator, SegmentStore store, SegmentQueries queries, CancellationToken cancellationToken)
    {
        var (body, bad) = await UiJsonBody.ReadAsync<SegmentBody>(http.Request, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        var portal = UiApi.Caller(http).PortalId;
        var (prepared, problem) = await PrepareAsync(body!, portal, evaluator, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var file = body!.Expression is null && body.Name is { } saved ? FileName(saved) : "segment";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}.csv\"";
        await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true))
        {
            await SegmentExportWriter.WriteAsync(writer, queries.ContactsAsync(portal, prepared!.Sql!, cancellationToken), jsonl: false, cancellationToken);
        }

        return TypedResults.Empty;
    }

    // An expression, or a saved segment's name (the portal's or the operator's): prepared, or the problem naming the field.
    private static async Task<(SegmentPrepared? Prepared, ProblemHttpResult? Problem)> PrepareAsync(SegmentBody body, long portal, SegmentEvaluator evaluator, SegmentStore store, CancellationToken cancellationToken)
    {
        if (body.Expression is { } text)
        {
            var prepared = await evaluator.PrepareAsync(text, portal, cancellationToken);
            return prepared.Error is { } error ? (null, ExpressionProblem(error)) : (prepared, null);
        }

        if (body.Name is not { } name)
        {
            return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "expression", "give an expression or a saved segment's name"));
        }

        if (await store.LatestAsync(portal, name, cancellationToken) is not { } saved)
        {
            return (null, UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "name", $"no saved segment \"{SegmentError.Capped(name)}\""));
        }

        var savedPrepared = await evaluator.PrepareAsync(saved.Expression, portal, cancellationToken);
        return savedPrepared.Error is { } savedError
            ? (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "name", $"saved segment \"{SegmentError.Capped(saved.Name)}\" no longer reads: {savedError}"))
            : (savedPrepared, null);
    }

    // The portal's own segment; another portal's is not found, the operator's is read-only here.
    private static async Task<(SavedSegment? Segment, ProblemHttpResult? Problem)> OwnAsync(string name, long portal, SegmentStore store, CancellationToken cancellationToken)
    {
        var row = await store.LatestAsync(name, cancellationToken);
        if (row is null || (row.PortalId is { } owner && owner != portal))
        {
            return (null, UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "name", $"no saved segment \"{SegmentError.Capped(name)}\""));
        }

        return row.PortalId is null
            ? (null, UiApi.Problem(StatusCodes.Status403Forbidden, "Forbidden", "name", "this segment was saved by the operator (crm-esp segment save): change it there"))
            : (row, null);
    }

    // Another saved segment the portal reads that names this one: renaming or deleting would break it.
    private static async Task<ProblemHttpResult?> UsersAsync(string name, long portal, SegmentStore store, CancellationToken cancellationToken)
    {
        var users = (await store.ListAsync(portal, cancellationToken))
            .Where(s => !string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
                && SegmentParser.Parse(s.Expression).Expression is { } e && SegmentReferences.Names(e).Contains(name))
            .Select(s => s.Name)
            .ToList();
        return users.Count == 0 ? null
            : UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "name", $"segment \"{SegmentError.Capped(users[0])}\" uses it{(users.Count > 1 ? $" (and {users.Count - 1} more)" : "")}: change that first");
    }

    private static ProblemHttpResult ExpressionProblem(SegmentError error)
    {
        var problem = UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "expression", error.ToString());
        problem.ProblemDetails.Extensions["column"] = error.Column;
        problem.ProblemDetails.Extensions["message"] = error.Message;
        return problem;
    }

    private static string FileName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        return safe.Length == 0 ? "segment" : safe;
    }
}
