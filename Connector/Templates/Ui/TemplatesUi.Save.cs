using Connector.Sending.Settings;
using Connector.Web.UiSession;
using Microsoft.Extensions.Options;

namespace Connector.Templates.Ui;

/// <summary>Saving: every save is the template's next version, checked like a template file and rendered once with sample data first.</summary>
public static partial class TemplatesUi
{
    private static async Task<IResult> SaveAsync(HttpContext http, string name, TemplateLibrary library, TemplateStore store, IOptions<TemplateOptions> options,
        IOptions<SenderOptions> sender, CancellationToken cancellationToken)
    {
        if (!await library.IsMineAsync(UiApi.Caller(http).PortalId, name, cancellationToken))
        {
            return NotFound(name, null);
        }

        var (document, status) = await TemplateUiBody.ReadAsync(http.Request, cancellationToken);
        using var body = document;
        if (body is null)
        {
            return BodyProblem(status);
        }

        if (!body.RootElement.TryGetProperty("template", out var template))
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "template", "the body needs the template: {\"template\": {\"subject\": …, \"blocks\": […]}}");
        }

        var (file, error) = TemplateEditorCheck.Read(template, name);
        return file is null ? Invalid([error!]) : Answer(await StoreAsync(UiApi.Caller(http).PortalId, name, file, store, library, options.Value, sender.Value, cancellationToken));
    }

    private static async Task<IResult> RestoreAsync(HttpContext http, string name, int version, TemplateLibrary library, TemplateStore store, IOptions<TemplateOptions> options,
        IOptions<SenderOptions> sender, CancellationToken cancellationToken)
    {
        if (!await library.IsMineAsync(UiApi.Caller(http).PortalId, name, cancellationToken) || await store.FindAsync(name, version, cancellationToken) is not { } old)
        {
            return NotFound(name, version);
        }

        return Answer(await StoreAsync(UiApi.Caller(http).PortalId, name, old, store, library, options.Value, sender.Value, cancellationToken));
    }

    private static IResult Answer((SavedView? Saved, IResult? Problem) result) => result.Saved is { } saved ? TypedResults.Ok(saved) : result.Problem!;

    private static async Task<IResult> SaveNewAsync(HttpContext http, string name, TemplateFile file, TemplateLibrary library, TemplateStore store, TemplateOptions options,
        SenderOptions sender, CancellationToken cancellationToken)
    {
        var portal = UiApi.Caller(http).PortalId;
        var claim = await library.ClaimAsync(portal, name, cancellationToken);
        if (claim != TemplateClaim.Claimed)
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "name", $"a template named '{Capped(name)}' already exists; choose another name");
        }

        var (saved, problem) = await StoreAsync(portal, name, file, store, library, options, sender, cancellationToken);
        if (saved is null)
        {
            await library.ReleaseAsync(portal, name, cancellationToken);
            return problem!;
        }

        return TypedResults.Created($"/api/ui/templates/{Uri.EscapeDataString(name)}", saved);
    }

    private static async Task<(SavedView? Saved, IResult? Problem)> StoreAsync(long portal, string name, TemplateFile file, TemplateStore store, TemplateLibrary library, TemplateOptions options, SenderOptions sender,
        CancellationToken cancellationToken)
    {
        var next = file with { Name = name, Version = await library.NextVersionAsync(name, cancellationToken) };
        var (_, _, errors) = new TemplateEditorCheck(options).Check(next, TemplateData.Sample(TemplateSender.From(sender), "#"));
        if (errors.Count == 0)
        {
            errors = await library.UnknownCustomFieldsAsync(portal, next.CustomFields, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return (null, Invalid(errors));
        }

        var refused = await store.SaveAsync(next, cancellationToken);
        if (refused.Count == 0)
        {
            return (new SavedView(name, next.Version), null);
        }

        if (refused.Any(e => e.Message.Contains("already exists", StringComparison.Ordinal)))
        {
            return (null, UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "template", "someone saved this template at the same time; reload it and save again"));
        }

        return (null, Invalid(refused.Select(e => new TemplateFieldError(e.Variable is not null && e.Template == name ? "custom_fields" : "template",
            $"{e.Message}{(e.Variable is null ? "" : $" ({e.Variable})")}")).ToList()));
    }
}
