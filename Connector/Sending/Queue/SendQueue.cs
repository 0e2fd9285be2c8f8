using System.Globalization;
using System.Text.Json;
using Connector.Campaigns;
using Connector.Sending.Composing;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Connector.Store;
using Connector.Templates;
using Dapper;

namespace Connector.Sending.Queue;

/// <summary>
/// <see cref="ISendQueue"/> over the store: checks the letter (template and version, contact in the mirror and not
/// opted out in the CRM, its first valid e-mail or the given address, not suppressed, the deal), then writes in one
/// transaction the send key (<c>send_keys</c>: portal, name, kind, deal), the ledger row (<see cref="SendLedgerStore"/>)
/// and the stored letter (<see cref="QueuedLetterStore"/>), and wakes serve's runner. A send key that already holds a
/// letter with the same request fingerprint answers that row before any check (a retry gets the first answer).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Implements the architecture's ISendQueue; it is a queue.")]
public sealed class SendQueue(
    SqliteConnectionFactory connections, SendLedgerStore ledger, TemplateStore templates, TemplateCompiler compiler, CampaignMirror mirror,
    QueuedLetterSignal signal, TimeProvider time) : ISendQueue
{
    private const string InsertKey = """
        INSERT INTO send_keys (send_key, portal_id, name, kind, deal_id, created_at) VALUES (@SendKey, @PortalId, @Name, @Kind, @DealId, @Now)
        ON CONFLICT (send_key) DO NOTHING
        """;

    internal const string PageSuppressions = """
        SELECT address, reason FROM suppressions WHERE address COLLATE NOCASE IN (SELECT value FROM json_each(@Addresses))
        """;

    private const string KeyOwner = "SELECT portal_id AS PortalId, kind AS Kind, deal_id AS DealId FROM send_keys WHERE send_key = @SendKey";

    // ix_contact_emails_address; a live contact only (an address-only letter to a deleted contact's address has no contact).
    private const string ContactByAddress = """
        SELECT e.contact_id FROM contact_emails e JOIN contacts c ON c.portal_id = e.portal_id AND c.crm_id = e.contact_id AND c.deleted = 0
        WHERE e.portal_id = @PortalId AND e.address = @Address ORDER BY e.contact_id LIMIT 1
        """;

    public async Task<QueuedLetterResult> EnqueueAsync(QueuedLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentException.ThrowIfNullOrWhiteSpace(letter.SendKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(letter.TemplateName);
        if (letter.RequestHash is not null && await ReplayAsync(letter, null, null, cancellationToken) is { } replay)
        {
            return replay;
        }

        var (checkedLetter, refusal) = await CheckAsync(letter, cancellationToken);
        if (checkedLetter is not { } ok)
        {
            return refusal!;
        }

        QueuedLetterResult result;
        using (connections.WriteGate.Enter(cancellationToken))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            result = await WriteAsync(connection, transaction, letter, ok, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (result.Created)
        {
            signal.Pulse();
        }

        return result;
    }

    /// <summary>
    /// A page of letters (a campaign's launch): each checked as <see cref="EnqueueAsync"/> checks it — the templates
    /// compiled once a page, the contacts read in one query a portal — then all written in one transaction. Letters
    /// with a <see cref="QueuedLetter.RequestHash"/> go one by one. The results are in the order of <paramref name="letters"/>.
    /// </summary>
    public async Task<IReadOnlyList<QueuedLetterResult>> EnqueueManyAsync(IReadOnlyList<QueuedLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var results = new QueuedLetterResult[letters.Count];
        var page = new PageLookups { Contacts = [] };
        foreach (var portal in letters.Where(l => l.ContactId is not null && l.Address is null).GroupBy(l => l.PortalId))
        {
            var ids = portal.Select(l => l.ContactId!.Value).Distinct().ToList();
            foreach (var contact in await mirror.ContactsAsync(portal.Key, ids, cancellationToken))
            {
                page.Contacts[(portal.Key, contact.Contact.Id)] = contact;
            }
        }

        // The page's contacts' addresses checked against the suppression list in one query (ix_suppressions_nocase).
        var addresses = page.Contacts.Values.Select(c => c.Contact.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (addresses.Count > 0)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            foreach (var (address, reason) in await connection.QueryAsync<(string, string)>(new CommandDefinition(PageSuppressions,
                new { Addresses = JsonSerializer.Serialize(addresses) }, cancellationToken: cancellationToken)))
            {
                page.Suppressions.TryAdd(address, reason);
            }

            page.Checked.UnionWith(addresses);
        }

        var checkedLetters = new List<(int Index, CheckedLetter Letter)>();
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = letters[i];
            ArgumentException.ThrowIfNullOrWhiteSpace(letter.SendKey);
            if (letter.RequestHash is not null)
            {
                results[i] = await EnqueueAsync(letter, cancellationToken);
                continue;
            }

            var (ok, refusal) = await CheckAsync(letter, cancellationToken, letter.Address is null ? page : page with { Contacts = null });
            if (ok is null)
            {
                results[i] = refusal!;
            }
            else
            {
                checkedLetters.Add((i, ok));
            }
        }

        var created = false;
        if (checkedLetters.Count > 0)
        {
            using (connections.WriteGate.Enter(cancellationToken))
            {
                await using var connection = await connections.OpenAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var (index, ok) in checkedLetters)
                {
                    results[index] = await WriteAsync(connection, transaction, letters[index], ok, cancellationToken);
                    created |= results[index].Created;
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }

        if (created)
        {
            signal.Pulse();
        }

        return results;
    }

    private async Task<QueuedLetterResult> WriteAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, QueuedLetter letter, CheckedLetter ok, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var kind = letter.Kind.ToString();
        await connection.ExecuteAsync(new CommandDefinition(InsertKey, new
        {
            letter.SendKey, letter.PortalId, Name = ok.ListName, Kind = kind, letter.DealId, Now = UtcText.From(now),
        }, transaction, cancellationToken: cancellationToken));
        var owner = await connection.QuerySingleAsync<(long? PortalId, string Kind, long? DealId)>(new CommandDefinition(KeyOwner, new { letter.SendKey }, transaction, cancellationToken: cancellationToken));
        if (owner.PortalId != letter.PortalId || owner.Kind != kind || owner.DealId != letter.DealId)
        {
            return QueuedLetterResult.Refuse(QueuedLetterRefusals.SendKeyTaken, $"send key {letter.SendKey} belongs to another portal, kind or deal");
        }

        // Two requests with one fingerprint racing past the first check: the later one finds the earlier's row here.
        if (letter.RequestHash is not null && await ReplayAsync(letter, connection, transaction, cancellationToken) is { } replay)
        {
            return replay;
        }

        var dueAt = letter.NotBefore is { } notBefore && notBefore > now ? notBefore : now;
        var (id, created) = await ledger.EnqueueInAsync(connection, transaction, letter.SendKey, letter.Kind, ok.Recipient, ok.ContactId, dueAt, letter.Ttl, cancellationToken);
        if (created)
        {
            await QueuedLetterStore.InsertAsync(connection, transaction, new StoredLetter
            {
                LedgerId = id, PortalId = letter.PortalId, TemplateName = letter.TemplateName, TemplateVersion = ok.TemplateVersion, DealId = letter.DealId,
                Variables = JsonSerializer.Serialize(letter.Variables), ListName = ok.ListName, RequestHash = letter.RequestHash, CreatedAt = UtcText.From(now),
                Subject = letter.Subject, FromAddress = letter.FromAddress, FromName = letter.FromName,
            }, cancellationToken);
        }

        return new QueuedLetterResult { LedgerRowId = id, Created = created, Recipient = ok.Recipient, RequestHash = letter.RequestHash };
    }

    // The send key's first stored letter decides: same fingerprint → that row, another → a conflict; none → null.
    private async Task<QueuedLetterResult?> ReplayAsync(
        QueuedLetter letter, System.Data.Common.DbConnection? connection, System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredLetter> stored;
        if (connection is null)
        {
            await using var own = await connections.OpenAsync(cancellationToken);
            stored = await QueuedLetterStore.OfSendKeyAsync(own, null, letter.SendKey, cancellationToken);
        }
        else
        {
            stored = await QueuedLetterStore.OfSendKeyAsync(connection, transaction, letter.SendKey, cancellationToken);
        }

        if (stored.Count == 0)
        {
            return null;
        }

        var first = stored[0];
        return string.Equals(first.RequestHash, letter.RequestHash, StringComparison.Ordinal)
            ? new QueuedLetterResult { LedgerRowId = first.LedgerId, Created = false, Recipient = first.Recipient, RequestHash = first.RequestHash }
            : QueuedLetterResult.Refuse(QueuedLetterRefusals.Conflict, $"send key {letter.SendKey} already holds a different request") with
            {
                LedgerRowId = first.LedgerId, RequestHash = first.RequestHash,
            };
    }

    private async Task<(CheckedLetter? Letter, QueuedLetterResult? Refusal)> CheckAsync(QueuedLetter letter, CancellationToken cancellationToken, PageLookups? page = null)
    {
        TemplateFile? template;
        if (page is not null && page.Templates.TryGetValue((letter.TemplateName, letter.TemplateVersion, letter.Subject), out var known))
        {
            template = known;
        }
        else
        {
            template = await templates.FindAsync(letter.TemplateName, letter.TemplateVersion, cancellationToken);
            if (template is not null && letter.Subject is { } subject)
            {
                template = template with { Subject = subject };
            }

            page?.Templates.Add((letter.TemplateName, letter.TemplateVersion, letter.Subject), template);
        }

        if (template is null)
        {
            return Refuse(QueuedLetterRefusals.UnknownTemplate, letter.TemplateVersion is { } v
                ? $"no version {v.ToString(CultureInfo.InvariantCulture)} of template '{letter.TemplateName}' is stored"
                : $"no template '{letter.TemplateName}' is stored (crm-esp template save)");
        }

        if ((page is null || page.Compiled.Add((template.Name, template.Version, letter.Subject)) || page.Broken.Contains((template.Name, template.Version, letter.Subject)))
            && compiler.Compile(template).Errors is { Count: > 0 } errors)
        {
            page?.Broken.Add((template.Name, template.Version, letter.Subject));
            return Refuse(QueuedLetterRefusals.InvalidTemplate, $"template '{template.Name}' version {template.Version.ToString(CultureInfo.InvariantCulture)} does not compile: {errors[0]}");
        }

        string? address = null;
        if (letter.Address is { } given && (address = AddressValidator.Normalise(given)) is null)
        {
            return Refuse(QueuedLetterRefusals.InvalidAddress, "not a plain, valid e-mail address");
        }

        var contactId = letter.ContactId ?? (address is null ? null : await ContactOfAddressAsync(letter.PortalId, address, cancellationToken));
        if (contactId is { } id)
        {
            var contact = page?.Contacts is { } preloaded
                ? preloaded.GetValueOrDefault((letter.PortalId, id)) is { Deleted: false } found ? found : null
                : (await mirror.ContactsAsync(letter.PortalId, [id], cancellationToken)).FirstOrDefault(c => !c.Deleted);
            if (contact is null)
            {
                return Refuse(QueuedLetterRefusals.UnknownContact, $"contact {id.ToString(CultureInfo.InvariantCulture)} is not in this portal's mirror");
            }

            if (CampaignRecipients.Unsubscribed(contact))
            {
                return Refuse(QueuedLetterRefusals.UnsubscribedInCrm, $"contact {id.ToString(CultureInfo.InvariantCulture)} is opted out in the CRM ({CampaignRecipients.UnsubscribedField})");
            }

            address ??= contact.Contact.Email;
            if (address is null)
            {
                return Refuse(contact.HasEmails ? QueuedLetterRefusals.InvalidAddress : QueuedLetterRefusals.NoAddress,
                    contact.HasEmails ? $"contact {id.ToString(CultureInfo.InvariantCulture)} has no valid e-mail" : $"contact {id.ToString(CultureInfo.InvariantCulture)} has no e-mail");
            }
        }

        if (address is null)
        {
            return Refuse(QueuedLetterRefusals.NoAddress, "give an address or a contact with an e-mail");
        }

        if ((page?.Checked.Contains(address) == true ? page.Suppressions.GetValueOrDefault(address) : await ledger.SuppressionAsync(address, cancellationToken)) is { } reason)
        {
            return Refuse(QueuedLetterRefusals.Suppressed, $"the address is suppressed ({reason})");
        }

        if (letter.DealId is { } deal && await mirror.DealContactsAsync(letter.PortalId, deal, cancellationToken) is null)
        {
            return Refuse(QueuedLetterRefusals.UnknownDeal, $"deal {deal.ToString(CultureInfo.InvariantCulture)} is not in this portal's mirror");
        }

        return (new CheckedLetter(address, contactId ?? 0, template.Version, letter.ListName ?? template.Name), null);
    }

    private async Task<long?> ContactOfAddressAsync(long portalId, string address, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(ContactByAddress, new { PortalId = portalId, Address = address }, cancellationToken: cancellationToken));
    }

    private static (CheckedLetter?, QueuedLetterResult?) Refuse(string reason, string detail) => (null, QueuedLetterResult.Refuse(reason, detail));

    // What a page of letters shares: templates by (name, version, subject), compiled ones and broken ones, preloaded contacts.
    private sealed record PageLookups
    {
        public Dictionary<(string Name, int? Version, string? Subject), TemplateFile?> Templates { get; init; } = [];

        public HashSet<(string Name, int Version, string? Subject)> Compiled { get; init; } = [];

        public HashSet<(string Name, int Version, string? Subject)> Broken { get; init; } = [];

        public Dictionary<(long Portal, long Id), MirroredContact>? Contacts { get; init; }

        /// <summary>Addresses whose suppression was read for the page (case-insensitive), and the suppressed ones' reasons.</summary>
        public HashSet<string> Checked { get; init; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string> Suppressions { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed record CheckedLetter(string Recipient, long ContactId, int TemplateVersion, string ListName);
}
