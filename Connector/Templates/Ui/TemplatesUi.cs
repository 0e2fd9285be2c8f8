using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Connector.Templates.Ui;

/// <summary>
/// <c>/api/ui/templates*</c>: the app page's Templates section, on the slice's own reader, compiler, renderer and
/// store. The portal's templates (list, create, duplicate, delete), one template with its versions (each save is a new
/// version; restoring one saves it again as the newest), a live preview for a sample or mirrored contact, the
/// variables and mirrored custom fields the editor offers, and a test send. A template from the editor is the template
/// file's JSON and goes through the same checks as a file (<see cref="TemplateEditorCheck"/>): a refusal is a 400
/// naming the field (<c>blocks[2].text</c>) with the file reader's or compiler's message. App page only (a tab's token
/// gets 403); another portal's template reads as 404.
/// </summary>
public static partial class TemplatesUi
{
    private static readonly string[] Reserved = ["variables", "contacts", "preview"];

    private static readonly JsonSerializerOptions Wire = new(TemplateFile.Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static RouteGroupBuilder MapTemplatesUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var templates = ui.MapGroup("/templates");
        templates.MapGet("", ListAsync)
            .WithSummary("The portal's templates: name, latest subject, when last saved, how many versions");
        templates.MapPost("", CreateAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create a template {name, template?} (a starter letter when no template is given); checked like a template file");
        templates.MapGet("/variables", VariablesAsync)
            .WithSummary("What the editor offers: block kinds, Liquid variables, and the custom fields of the portal's mirror with an example value");
        templates.MapGet("/contacts", ContactsAsync)
            .WithSummary("Mirrored contacts of the portal a preview can be rendered for (?q= name, e-mail or id; 20 at most)");
        templates.MapPost("/preview", PreviewAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Render {template, contactId?} as the letter would be (sample data without a contact): subject, preheader, HTML, text part; errors at the field");
        templates.MapGet("/{name}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One template (the latest version, or ?version=N) in the template file's JSON, with its versions");
        templates.MapPut("/{name}", SaveAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Save {template} as the template's next version, after the template file's checks and a render with sample data (step limits)");
        templates.MapDelete("/{name}", DeleteAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a template from the page (its versions stay for letters already queued)");
        templates.MapPost("/{name}/duplicate", DuplicateAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Copy the template's latest version into a new template {name}");
        templates.MapGet("/{name}/versions", VersionsAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The template's saved versions, newest first");
        templates.MapPost("/{name}/versions/{version:int}/restore", RestoreAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Save an old version again as the newest");
        templates.MapPost("/{name}/test-send", TestSendAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Send one test message {to, template?, contactId?, force?} (the editor's draft or the latest version); a suppressed address is refused unless force; 20 per portal per 10 minutes");
        return templates;
    }

    private static async Task<IResult> ListAsync(HttpContext http, TemplateLibrary library, CancellationToken cancellationToken) =>
        TypedResults.Ok(new { templates = await library.ListAsync(UiApi.Caller(http).PortalId, cancellationToken) });

    private static async Task<IResult> GetAsync(HttpContext http, string name, int? version, TemplateLibrary library, TemplateStore store, CancellationToken cancellationToken)
    {
        var portal = UiApi.Caller(http).PortalId;
        if (!await library.IsMineAsync(portal, name, cancellationToken) || await store.FindAsync(name, version, cancellationToken) is not { } file)
        {
            return NotFound(name, version);
        }

        return TypedResults.Ok(new { name, version = file.Version, template = Json(file), versions = await library.VersionsAsync(name, cancellationToken) });
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TemplateLibrary library, TemplateStore store, Microsoft.Extensions.Options.IOptions<TemplateOptions> options,
        Microsoft.Extensions.Options.IOptions<Sending.Settings.SenderOptions> sender, CancellationToken cancellationToken)
    {
        var (document, name, problem) = await ReadNamedAsync(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using var body = document!;
        TemplateFile file;
        if (body.RootElement.TryGetProperty("template", out var template) && template.ValueKind != JsonValueKind.Null)
        {
            var (read, error) = TemplateEditorCheck.Read(template, name);
            if (read is null)
            {
                return Invalid([error!]);
            }

            file = read;
        }
        else
        {
            file = Starter(name);
        }

        return await SaveNewAsync(http, name, file, library, store, options.Value, sender.Value, cancellationToken);
    }

    private static async Task<IResult> DuplicateAsync(HttpContext http, string name, TemplateLibrary library, TemplateStore store, Microsoft.Extensions.Options.IOptions<TemplateOptions> options,
        Microsoft.Extensions.Options.IOptions<Sending.Settings.SenderOptions> sender, CancellationToken cancellationToken)
    {
        var portal = UiApi.Caller(http).PortalId;
        if (!await library.IsMineAsync(portal, name, cancellationToken) || await store.LatestAsync(name, cancellationToken) is not { } source)
        {
            return NotFound(name, null);
        }

        var (document, copy, problem) = await ReadNamedAsync(http, cancellationToken);
        document?.Dispose();
        if (problem is not null)
        {
            return problem;
        }

        return await SaveNewAsync(http, copy, source with { Name = copy }, library, store, options.Value, sender.Value, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string name, TemplateLibrary library, CancellationToken cancellationToken) =>
        await library.DeleteAsync(UiApi.Caller(http).PortalId, name, cancellationToken) ? TypedResults.NoContent() : NotFound(name, null);

    private static async Task<IResult> VersionsAsync(HttpContext http, string name, TemplateLibrary library, CancellationToken cancellationToken) =>
        await library.IsMineAsync(UiApi.Caller(http).PortalId, name, cancellationToken)
            ? TypedResults.Ok(new { name, versions = await library.VersionsAsync(name, cancellationToken) })
            : NotFound(name, null);

    // A letter to start from: every kind of text block, the button, and the footer with the unsubscribe link.
    private static TemplateFile Starter(string name) => new()
    {
        Name = name,
        Subject = "{{ contact.name | default: \"Здравствуйте\" }}, новости {{ sender.company }}",
        Preheader = "Коротко о главном",
        Blocks =
        [
            new Blocks.Block { Type = "heading", Text = "Здравствуйте, {{ contact.name | default: \"друзья\" }}!" },
            new Blocks.Block { Type = "text", Text = "Расскажите здесь, зачем это письмо." },
            new Blocks.Block { Type = "button", Text = "Подробнее", Href = "{{ sender.website }}" },
            new Blocks.Block { Type = "footer" },
        ],
    };

    private static JsonElement Json(TemplateFile file) => JsonSerializer.SerializeToElement(file, Wire);

    /// <summary>A body that names a new template: the document and its trimmed <c>name</c>, or the problem to answer instead.</summary>
    private static async Task<(JsonDocument? Body, string Name, ProblemHttpResult? Problem)> ReadNamedAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (document, status) = await TemplateUiBody.ReadAsync(http.Request, cancellationToken);
        if (document is null)
        {
            return (null, "", BodyProblem(status));
        }

        if (NameProblem(Text(document.RootElement, "name"), "name") is { } bad)
        {
            document.Dispose();
            return (null, "", bad);
        }

        return (document, Text(document.RootElement, "name")!.Trim(), null);
    }

    private static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ProblemHttpResult? NameProblem(string? name, string field)
    {
        var text = name?.Trim() ?? "";
        return text.Length == 0 ? UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, "a name is required")
            : !NamePattern().IsMatch(text) ? UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, "a name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
            : Reserved.Contains(text, StringComparer.OrdinalIgnoreCase) ? UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, $"'{text}' is reserved; choose another name")
            : null;
    }

    private static ProblemHttpResult NotFound(string name, int? version) => UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", version is null ? "name" : "version",
        version is null ? $"no template '{Capped(name)}' in this portal" : $"template '{Capped(name)}' has no version {version}");

    private static ProblemHttpResult BodyProblem(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? UiApi.Problem(status, "Payload Too Large", "template", $"the template is larger than {TemplateUiBody.MaxBytes / 1024} KB")
        : UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "template", "the body must be a JSON object");

    /// <summary>400 naming the first field, with every field's messages in <c>errors</c> (as the pages show them next to each field).</summary>
    private static ProblemHttpResult Invalid(IReadOnlyList<TemplateFieldError> errors) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Bad Request",
        Detail = errors[0].Message,
        Extensions =
        {
            ["field"] = errors[0].Field,
            ["errors"] = errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal),
        },
    });

    private static string Capped(string value) => value.Length > 80 ? value[..80] + "…" : value;

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
