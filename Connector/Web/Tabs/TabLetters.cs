using Connector.Campaigns;
using Connector.Reports;
using Connector.Scenarios;
using Connector.Sending.Composing;
using Connector.Sending.Queue;
using Connector.Sending.Settings;
using Connector.Store;
using Connector.Templates;
using Connector.Web.UiSession;
using Dapper;
using Microsoft.Extensions.Options;

namespace Connector.Web.Tabs;

/// <summary>
/// The card's actions on letters and scenarios: what may be chosen, a template rendered for the card's contact exactly
/// as the send queue would render it (<see cref="CampaignRecipients.Data"/>), "send now" through <see cref="ISendQueue"/>
/// (suppression, the CRM's opt-out and validation apply as for any letter), and entering an api-triggered scenario.
/// Refusals are values: (field, detail) for a 422 ProblemDetails.
/// </summary>
public sealed class TabLetters(
    SqliteConnectionFactory connections, TabQueries tabs, CampaignMirror mirror, TemplateStore templates, TemplateCompiler compiler,
    IOptions<SenderOptions> sender, ISendQueue queue, ScenarioStore scenarios, ScenarioEntries entries)
{
    public const int MaxNameLength = 200;

    // The portal's own templates (template_owners, not deleted on the Templates page) and those saved by the CLI (no owner);
    // another portal's names are not offered.
    private const string LatestTemplates = """
        SELECT t.name AS Name, MAX(t.version) AS Version FROM templates t LEFT JOIN template_owners o ON o.name = t.name
        WHERE o.name IS NULL OR (o.portal_id = @Portal AND o.deleted_at IS NULL)
        GROUP BY t.name ORDER BY t.name
        """;

    public async Task<TabChoices> ChoicesAsync(long portalId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var stored = (await connection.QueryAsync<(string Name, long Version)>(new CommandDefinition(LatestTemplates, new { Portal = portalId }, cancellationToken: cancellationToken)))
            .Select(t => new TabTemplateChoice(t.Name, (int)t.Version)).ToList();
        var offered = new List<string>();
        foreach (var scenario in (await scenarios.ListAsync(cancellationToken)).Where(s => s.PortalId == portalId && s.State == "active"))
        {
            if (await ApiEntersAsync(scenario, cancellationToken))
            {
                offered.Add(scenario.Name);
            }
        }

        return new TabChoices(stored, offered.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The template rendered for the card's contact (<paramref name="contactId"/> on a deal's card, else its first).</summary>
    public async Task<(TabPreview? Preview, string? Field, string? Detail)> PreviewAsync(long portalId, UiPlacement placement, long id, TabSendBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (contactId, field, detail) = await ContactAsync(portalId, placement, id, body.ContactId, cancellationToken);
        if (contactId is not { } contact)
        {
            return (null, field, detail);
        }

        if (await templates.LatestAsync(body.Template!, cancellationToken) is not { } file)
        {
            return (null, "template", $"no stored template '{Capped(body.Template!)}'");
        }

        var compiled = compiler.Compile(file);
        if (compiled.Template is not { } template)
        {
            return (null, "template", compiled.Errors.Count > 0 ? compiled.Errors[0].ToString() : "the template does not compile");
        }

        if ((await mirror.ContactsAsync(portalId, [contact], cancellationToken)).FirstOrDefault(c => !c.Deleted) is not { } mirrored)
        {
            return (null, "contactId", "this contact is not in the mirror yet");
        }

        var deal = placement == UiPlacement.DealTab ? mirrored.Deals.FirstOrDefault(d => d.Id == id) : null;
        var data = CampaignRecipients.Data(mirrored, deal, TemplateSender.From(sender.Value));
        data = data with { Values = new Dictionary<string, object?>(data.Values, StringComparer.Ordinal) { ["unsubscribe_url"] = "#unsubscribe" } };
        var rendered = new TemplateRenderer().TryRender(template, data);
        if (rendered.Letter is not { } letter)
        {
            return (null, "template", rendered.Error?.ToString() ?? "the template did not render for this contact");
        }

        var to = mirrored.Contact.Email;
        return (new TabPreview(file.Name, file.Version, letter.Subject, letter.Preheader, letter.Html, letter.Text, contact, to, to is null ? null : DisplayDomain.Of(to)), null, null);
    }

    /// <summary>Queues the template for the card's contact now; the send key names the manager who sent it.</summary>
    public async Task<(TabSent? Sent, string? Field, string? Detail)> SendAsync(long portalId, long userId, UiPlacement placement, long id, TabSendBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (contactId, field, detail) = await ContactAsync(portalId, placement, id, body.ContactId, cancellationToken);
        if (contactId is not { } contact)
        {
            return (null, field, detail);
        }

        var result = await queue.EnqueueAsync(new QueuedLetter
        {
            PortalId = portalId,
            SendKey = $"card:{userId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Guid.NewGuid():N}",
            TemplateName = body.Template!,
            Kind = MailKind.Campaign,
            ContactId = contact,
            DealId = placement == UiPlacement.DealTab ? id : null,
        }, cancellationToken);
        if (result.Refused is { } refused)
        {
            var where = refused switch
            {
                QueuedLetterRefusals.UnknownTemplate or QueuedLetterRefusals.InvalidTemplate => "template",
                QueuedLetterRefusals.UnknownDeal => "id",
                _ => "contactId",
            };
            return (null, where, result.Detail ?? refused);
        }

        var to = result.Recipient;
        return (new TabSent(result.LedgerRowId!.Value, TabStatuses.Queued, to, to is null ? null : DisplayDomain.Of(to)), null, null);
    }

    /// <summary>Enters the card's deal or contact into an api-triggered scenario of the portal (each click a new entry).</summary>
    public async Task<(TabEnrolled? Enrolled, string? Field, string? Detail)> EnrollAsync(long portalId, long userId, UiPlacement placement, long id, TabEnrollBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await entries.EnterAsync(portalId, body.Scenario!, new ExplicitEntry
        {
            Subject = placement == UiPlacement.DealTab ? SubjectKind.Deal : SubjectKind.Contact,
            SubjectId = id,
            EntryKey = $"card:{userId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Guid.NewGuid():N}",
        }, cancellationToken);
        return result.Refused is { } refused
            ? (null, "scenario", result.Detail ?? refused)
            : (new TabEnrolled(result.EnrollmentId!.Value, body.Scenario!, "active"), null, null);
    }

    /// <summary>The same rules on the client and here: a name is required, at most <see cref="MaxNameLength"/> characters, no control characters.</summary>
    public static string? NameProblem(string? name, string what) =>
        string.IsNullOrWhiteSpace(name) ? $"choose a {what}"
        : name.Length > MaxNameLength ? $"a {what} name has at most {MaxNameLength} characters"
        : name.Any(char.IsControl) ? $"a {what} name has no control characters"
        : null;

    private async Task<bool> ApiEntersAsync(ScenarioRow scenario, CancellationToken cancellationToken) =>
        (await scenarios.VersionAsync(scenario.Id, scenario.EntryVersion, cancellationToken))?.Definition is { Trigger.Kind: TriggerKind.Api };

    private async Task<(long? ContactId, string? Field, string? Detail)> ContactAsync(long portalId, UiPlacement placement, long id, long? requested, CancellationToken cancellationToken)
    {
        var contacts = await tabs.ContactsAsync(portalId, placement, id, cancellationToken);
        if (contacts.Count == 0)
        {
            return (null, requested is null ? "id" : "contactId", placement == UiPlacement.DealTab ? "this deal has no contact in the mirror to write to" : "this contact is not in the mirror yet");
        }

        if (requested is { } wanted && !contacts.Contains(wanted))
        {
            return (null, "contactId", "not a contact of this card");
        }

        return (requested ?? contacts[0], null, null);
    }

    private static string Capped(string text) => text.Length > 100 ? text[..100] : text;
}
