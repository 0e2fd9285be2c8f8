using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Connector.Campaigns;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Settings;
using Connector.Sending.Tokens;
using Connector.Templates;
using Microsoft.Extensions.Options;

namespace Connector.Sending.Queue;

/// <summary>
/// The durable <see cref="ILetterSource"/> of serve's runner: each row's letter is rendered from what the store holds —
/// its <c>queued_letters</c> row, the template by name and the version resolved at enqueue (<see cref="TemplateStore"/>),
/// the contact and deal from the mirror as a campaign has them (<see cref="CampaignMirror"/>), the caller's variables
/// under <c>vars</c>, the portal's tracking switches (<see cref="PortalSettings.PortalSettingsReader"/>), the letter's own subject when it has one (a campaign variant's) — so a letter queued before a
/// restart renders the same after it. A row that cannot render
/// (template or contact gone, a template limit) gets no letter and its reason is recorded on the row.
/// </summary>
public sealed class StoredLetterSource(
    QueuedLetterStore letters, TemplateStore templates, TemplateCompiler compiler, CampaignMirror mirror, IOptions<SenderOptions> sender, SendingSetupSource setups,
    PortalSettings.PortalSettingsReader portalSettings, TimeProvider time)
    : ILetterSource
{
    private readonly TemplateRenderer _renderer = new();
    private readonly ConcurrentDictionary<long, string> _problems = new();
    private Func<MessageRef, string>? _unsubscribeUrl;

    public async Task<(Letter Letter, SendContext Context)?> PrepareAsync(LedgerRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ((Letter, SendContext)? letter, string? problem) rendered;
        try
        {
            rendered = await RenderAsync(row, cancellationToken);
        }
        catch (JsonException ex)
        {
            // A stored row that does not read (variables or template body): this row fails, the batch goes on.
            rendered = (null, $"the stored letter does not read: {ex.Message}");
        }

        var (letter, problem) = rendered;
        if (letter is null)
        {
            _problems[row.Id] = problem ?? "the letter did not render";
            return null;
        }

        return letter;
    }

    public string? ProblemWith(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _problems.TryRemove(row.Id, out var problem) ? problem : null;
    }

    private async Task<((Letter, SendContext)?, string?)> RenderAsync(LedgerRow row, CancellationToken cancellationToken)
    {
        if (await letters.FindAsync(row.Id, cancellationToken) is not { } stored)
        {
            return (null, "no stored letter for this row");
        }

        var version = (int)stored.TemplateVersion;
        if (await templates.FindAsync(stored.TemplateName, version, cancellationToken) is not { } file
            || compiler.Compile(stored.Subject is { } subject ? file with { Subject = subject } : file).Template is not { } template)
        {
            return (null, $"template '{stored.TemplateName}' version {version.ToString(CultureInfo.InvariantCulture)} is no longer stored or does not compile");
        }

        if (await UnsubscribeUrlAsync(cancellationToken) is not { } unsubscribeUrl)
        {
            return (null, "sending is not configured");
        }

        var data = await DataAsync(row, stored, cancellationToken);
        if (data is null)
        {
            return (null, $"contact {row.ContactId.ToString(CultureInfo.InvariantCulture)} is no longer in the mirror");
        }

        var vars = JsonSerializer.Deserialize<Dictionary<string, string?>>(stored.Variables) ?? [];
        var values = new Dictionary<string, object?>(data.Values, StringComparer.Ordinal)
        {
            ["vars"] = vars.ToDictionary(v => v.Key, v => (object?)v.Value, StringComparer.Ordinal),
            ["unsubscribe_url"] = unsubscribeUrl(new MessageRef(row.Id, row.ContactId)),
        };
        var rendered = _renderer.TryRender(template, data with { Values = values });
        if (rendered.Letter is not { } letter)
        {
            return (null, rendered.Error?.ToString() ?? "the template did not render");
        }

        var kind = Enum.TryParse<MailKind>(row.Kind, out var k) ? k : MailKind.Transactional;
        var (opens, clicks) = await portalSettings.TrackingAsync(stored.PortalId, cancellationToken);
        return ((letter, new SendContext(row.Id, kind, stored.ListName, stored.ListName)
        {
            FromAddress = stored.FromAddress, FromName = stored.FromName, TrackOpens = opens, TrackClicks = clicks,
        }), null);
    }

    // The contact's data as a campaign has it (with the letter's deal as {{ deal }}); an address without a contact gets the address only.
    private async Task<TemplateData?> DataAsync(LedgerRow row, StoredLetter stored, CancellationToken cancellationToken)
    {
        var who = TemplateSender.From(sender.Value);
        MirroredContact? contact = null;
        if (row.ContactId > 0)
        {
            contact = (await mirror.ContactsAsync(stored.PortalId, [row.ContactId], cancellationToken)).FirstOrDefault(c => !c.Deleted);
            if (contact is null)
            {
                return null;
            }
        }

        var deal = stored.DealId is { } dealId ? contact?.Deals.FirstOrDefault(d => d.Id == dealId) ?? await DealAsync(stored.PortalId, dealId, cancellationToken) : null;
        var subject = contact ?? new MirroredContact(
            new TemplateContact(0, null, null, null, row.Recipient, null, new Dictionary<string, string?>()), deal is null ? [] : [deal], true, false,
            new Dictionary<string, IReadOnlyList<string>>());
        var data = CampaignRecipients.Data(subject, deal, who);
        // The letter goes to the row's address, which may not be the contact's first e-mail.
        return data.Values["contact"] is Dictionary<string, object?> values ? data with { Values = new Dictionary<string, object?>(data.Values, StringComparer.Ordinal)
        {
            ["contact"] = new Dictionary<string, object?>(values, StringComparer.Ordinal) { ["email"] = row.Recipient },
        } } : data;
    }

    // A deal the letter's contact is not on: read through one of the deal's contacts.
    private async Task<TemplateDeal?> DealAsync(long portalId, long dealId, CancellationToken cancellationToken)
    {
        if (await mirror.DealContactsAsync(portalId, dealId, cancellationToken) is not { Count: > 0 } contacts)
        {
            return null;
        }

        var holder = await mirror.ContactsAsync(portalId, [contacts[0]], cancellationToken);
        return holder.SelectMany(c => c.Deals).FirstOrDefault(d => d.Id == dealId);
    }

    private async Task<Func<MessageRef, string>?> UnsubscribeUrlAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _unsubscribeUrl) is { } url)
        {
            return url;
        }

        var (setup, _) = await setups.GetAsync(cancellationToken);
        if (setup is null)
        {
            return null;
        }

        var composer = setup.CreateComposer(time);
        Volatile.Write(ref _unsubscribeUrl, composer.UnsubscribeUrl);
        return composer.UnsubscribeUrl;
    }
}
