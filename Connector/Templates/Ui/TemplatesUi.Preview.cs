using System.Globalization;
using System.Text.Json;
using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Connector.Sending.Settings;
using Connector.Sending.Smtp;
using Connector.Sending.Tokens;
using Connector.Store;
using Connector.Web.UiSession;
using Microsoft.Extensions.Options;

namespace Connector.Templates.Ui;

/// <summary>The editor's helpers: the variables it offers, the contacts a preview may use, the preview itself, and the test send.</summary>
public static partial class TemplatesUi
{
    private static readonly string[] Groups = ["contact", "deal", "sender"];

    private static async Task<IResult> VariablesAsync(HttpContext http, TemplateMirrorQueries mirror, CancellationToken cancellationToken)
    {
        var root = TemplateSchema.For([]).Root;
        var variables = Groups.SelectMany(group => root.Children[group].Children
                .Where(c => ReferenceEquals(c.Value, SchemaNode.Leaf))
                .Select(c => new TemplateVariable(group, $"{group}.{c.Key}", $"{{{{ {group}.{c.Key} }}}}")))
            .Append(new TemplateVariable("letter", "unsubscribe_url", "{{ unsubscribe_url }}"))
            .Append(new TemplateVariable("letter", "subject", "{{ subject }}"))
            .ToList();
        return TypedResults.Ok(new
        {
            blockTypes = TemplateEditorCheck.BlockTypes,
            variables,
            customFields = await mirror.CustomFieldsAsync(UiApi.Caller(http).PortalId, cancellationToken, UiApi.Caller(http).Language),
        });
    }

    private static async Task<IResult> ContactsAsync(HttpContext http, string? q, TemplateMirrorQueries mirror, CancellationToken cancellationToken) =>
        TypedResults.Ok(new { contacts = await mirror.ContactsAsync(UiApi.Caller(http).PortalId, q, cancellationToken) });

    private static async Task<IResult> PreviewAsync(HttpContext http, TemplateLibrary library, SqliteConnectionFactory connections, IOptions<TemplateOptions> options,
        IOptions<SenderOptions> sender, CancellationToken cancellationToken)
    {
        var (document, status) = await TemplateUiBody.ReadAsync(http.Request, cancellationToken);
        using var body = document;
        if (body is null)
        {
            return BodyProblem(status);
        }

        var root = body.RootElement;
        if (!root.TryGetProperty("template", out var template))
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "template", "the body needs the template to preview");
        }

        var (file, error) = TemplateEditorCheck.Read(template, Text(root, "name") is { Length: > 0 and <= 64 } named ? named : "preview");
        if (file is null)
        {
            return Invalid([error!]);
        }

        var (data, problem) = await DataAsync(http, root, library, connections, options.Value, TemplateSender.From(sender.Value), "#", cancellationToken);
        if (data is null)
        {
            return problem!;
        }

        var (_, letter, errors) = new TemplateEditorCheck(options.Value).Check(file, data);
        return letter is null
            ? Invalid(errors)
            : TypedResults.Ok(new TemplatePreviewView(letter.Subject, letter.Preheader, letter.Html, letter.Text ?? HtmlToText.Convert(letter.Html), file.Text is null));
    }

    private static async Task<IResult> TestSendAsync(HttpContext http, string name, TemplateLibrary library, TemplateStore store, SqliteConnectionFactory connections,
        IOptions<TemplateOptions> options, IOptions<SenderOptions> sender, SendingSetupSource setups, SendLedgerStore ledger, TemplateTestSendLimit limit, TimeProvider time,
        CancellationToken cancellationToken)
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

        var root = body.RootElement;
        var to = Text(root, "to")?.Trim() ?? "";
        if (to.Length is 0 or > 254 || AddressValidator.Normalise(to) is not { } address)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "to", "enter one e-mail address, such as anna@example.com");
        }

        var force = root.TryGetProperty("force", out var forced) && forced.ValueKind == JsonValueKind.True;
        if (!force && await ledger.SuppressionEntryAsync(address, cancellationToken) is { } suppressed)
        {
            return UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "to",
                $"{suppressed.Address} is suppressed ({suppressed.Reason}, since {suppressed.CreatedAt}); not sent unless you choose to send anyway");
        }

        TemplateFile? file;
        if (root.TryGetProperty("template", out var template) && template.ValueKind != JsonValueKind.Null)
        {
            (file, var error) = TemplateEditorCheck.Read(template, name);
            if (file is null)
            {
                return Invalid([error!]);
            }
        }
        else if ((file = await store.LatestAsync(name, cancellationToken)) is null)
        {
            return NotFound(name, null);
        }

        if (!limit.TryTake(UiApi.Caller(http).PortalId))
        {
            return UiApi.Problem(StatusCodes.Status429TooManyRequests, "Too Many Requests", "to",
                $"at most {TemplateTestSendLimit.Permits} test sends per {(int)TemplateTestSendLimit.Window.TotalMinutes} minutes in a portal; try again later");
        }

        var (setup, notConfigured) = await setups.GetAsync(cancellationToken);
        if (setup is null)
        {
            return UiApi.Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "to", $"sending is not configured: {notConfigured}");
        }

        var composer = setup.CreateComposer(time);
        var contactId = root.TryGetProperty("contactId", out var id) && id.TryGetInt64(out var value) ? value : 0;
        var reference = new MessageRef(time.GetUtcNow().ToUnixTimeMilliseconds(), contactId);
        var (data, problem) = await DataAsync(http, root, library, connections, options.Value, TemplateSender.From(sender.Value), composer.UnsubscribeUrl(reference), cancellationToken);
        if (data is null)
        {
            return problem!;
        }

        var (_, letter, errors) = new TemplateEditorCheck(options.Value).Check(file, data);
        if (letter is null)
        {
            return Invalid(errors);
        }

        var composed = composer.Compose(letter, new LetterRecipient(contactId, address, null), new SendContext(reference.SendId, MailKind.Campaign, name, name));
        if (composed.Message is null)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "to", composed.Error ?? "the message could not be composed");
        }

        var result = await setup.Transport.SendAsync(composed.Message, reference.SendId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return result.Status == DeliveryStatus.Accepted
            ? TypedResults.Ok(new { to = address, status = result.Status.ToString(), detail = result.Detail })
            : UiApi.Problem(StatusCodes.Status502BadGateway, "Bad Gateway", "to", $"the mail server did not take it: {result.Status} {result.Detail}");
    }

    // Sample data, or the mirrored contact {contactId} of the caller's portal (with its deals and custom fields).
    private static async Task<(TemplateData? Data, IResult? Problem)> DataAsync(HttpContext http, JsonElement root, TemplateLibrary library, SqliteConnectionFactory connections,
        TemplateOptions options, TemplateSender sender, string unsubscribeUrl, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty("contactId", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return (TemplateData.Sample(sender, unsubscribeUrl), null);
        }

        if (!id.TryGetInt64(out var contactId) || contactId <= 0)
        {
            return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "contactId", "the contact id must be a positive whole number"));
        }

        var portalKey = await library.PortalKeyAsync(UiApi.Caller(http).PortalId, cancellationToken);
        var found = portalKey is null ? null : await new TemplateDataQueries(connections, options).ContactAsync(portalKey, contactId, cancellationToken);
        return found is { } contact
            ? (TemplateData.From(contact.Contact, contact.Deals, sender, unsubscribeUrl), null)
            : (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "contactId", $"contact {contactId} is not in this portal's mirror"));
    }
}
