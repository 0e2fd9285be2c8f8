using System.Globalization;
using System.Text.Json;
using Connector.Store;
using Connector.Templates;
using Dapper;
using Microsoft.Extensions.Options;

namespace Connector.Campaigns;

/// <summary>
/// Reads a campaign's contacts from the mirror in two queries (contacts with their first valid e-mail, then their
/// deals), shaped as <see cref="TemplateDataQueries"/> shapes one contact for <c>preview --contact</c>. Read-only
/// over Sync's tables. A listed ID that is not mirrored (or deleted) reads as missing.
/// </summary>
public sealed class CampaignMirror(SqliteConnectionFactory connections, IOptions<TemplateOptions> options)
{
    // @Ids is a JSON array (json_each): one parameter however many IDs, within SQLite's variable limit.
    private const string Contacts = """
        SELECT c.crm_id AS Id, c.name AS Name, c.last_name AS LastName, c.second_name AS SecondName, c.custom_fields AS CustomFields, c.deleted AS Deleted,
               (SELECT address FROM contact_emails e WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND e.is_valid = 1
                ORDER BY position LIMIT 1) AS Email,
               (SELECT COUNT(*) FROM contact_emails e WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id) AS Emails
        FROM contacts c
        WHERE c.portal_id = @PortalId AND (@Ids IS NULL OR c.crm_id IN (SELECT value FROM json_each(@Ids))) AND (@Ids IS NOT NULL OR c.deleted = 0)
        ORDER BY c.crm_id
        """;

    private const string Deals = """
        SELECT x.contact_id AS ContactId, d.crm_id AS Id, d.title AS Title, d.stage_id AS Stage, s.name AS StageName, pl.name AS Pipeline,
               d.amount AS Amount, d.currency AS Currency, d.stage_semantic AS Semantic, d.custom_fields AS CustomFields
        FROM deal_contacts x
        JOIN deals d ON d.portal_id = x.portal_id AND d.crm_id = x.deal_id AND d.deleted = 0
        LEFT JOIN stages s ON s.portal_id = d.portal_id AND s.stage_id = d.stage_id
        LEFT JOIN pipelines pl ON pl.portal_id = d.portal_id AND pl.crm_id = d.pipeline_id
        WHERE x.portal_id = @PortalId AND (@Ids IS NULL OR x.contact_id IN (SELECT value FROM json_each(@Ids)))
        ORDER BY x.contact_id, d.crm_id
        """;

    private const string DealContacts = """
        SELECT x.contact_id FROM deal_contacts x JOIN deals d ON d.portal_id = x.portal_id AND d.crm_id = x.deal_id AND d.deleted = 0
        WHERE x.portal_id = @PortalId AND x.deal_id = @DealId ORDER BY x.position, x.contact_id
        """;

    private const string DealExists = "SELECT COUNT(*) FROM deals WHERE portal_id = @PortalId AND crm_id = @DealId AND deleted = 0";

    /// <summary>The deal's contact IDs, or null when the deal is not in the mirror (or deleted).</summary>
    public async Task<IReadOnlyList<long>?> DealContactsAsync(long portalId, long dealId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { PortalId = portalId, DealId = dealId };
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(DealExists, args, cancellationToken: cancellationToken)) == 0)
        {
            return null;
        }

        return (await connection.QueryAsync<long>(new CommandDefinition(DealContacts, args, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The contacts (all live ones when <paramref name="ids"/> is null) with their deals, by contact ID.</summary>
    public async Task<IReadOnlyList<MirroredContact>> ContactsAsync(long portalId, IReadOnlyList<long>? ids, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { PortalId = portalId, Ids = ids is null ? null : JsonSerializer.Serialize(ids) };
        var contacts = await connection.QueryAsync<CampaignMirrorRows.Contact>(new CommandDefinition(Contacts, args, cancellationToken: cancellationToken));
        var deals = (await connection.QueryAsync<CampaignMirrorRows.Deal>(new CommandDefinition(Deals, args, cancellationToken: cancellationToken)))
            .ToLookup(d => d.ContactId, ToDeal);
        var localeField = options.Value.LocaleField;
        return contacts.Select(c =>
        {
            var fields = Fields(c.CustomFields);
            var locale = localeField.Length > 0 ? ContactLocale.Resolve(fields.GetValueOrDefault(localeField)) : null;
            var contact = new TemplateContact(c.Id, c.Name, c.LastName, c.SecondName, c.Email, locale, fields);
            return new MirroredContact(contact, deals[c.Id].ToList(), c.Emails > 0, c.Deleted != 0, CustomFieldsJson.Read(c.CustomFields));
        }).ToList();
    }

    /// <summary>
    /// The contacts (all live ones when <paramref name="ids"/> is null) without deals or template data, streamed in
    /// contact order: what choosing a campaign's recipients needs (first valid e-mail, any e-mail, deleted, custom fields).
    /// </summary>
    public async IAsyncEnumerable<CampaignCandidate> CandidatesAsync(long portalId, IReadOnlyList<long>? ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { PortalId = portalId, Ids = ids is null ? null : JsonSerializer.Serialize(ids) };
        await foreach (var c in connection.QueryUnbufferedAsync<CampaignMirrorRows.Contact>(Contacts, args).WithCancellation(cancellationToken))
        {
            yield return new CampaignCandidate(c.Id, c.Email, c.Emails > 0, c.Deleted != 0, CustomFieldsJson.Read(c.CustomFields));
        }
    }

    private static TemplateDeal ToDeal(CampaignMirrorRows.Deal d) => new(d.Id, d.Title, d.Stage, d.StageName, d.Pipeline,
        decimal.TryParse(d.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
        d.Currency, d.Semantic is "S" or "F", d.Semantic == "S", Fields(d.CustomFields));

    private static Dictionary<string, string?> Fields(string? json) =>
        CustomFieldsJson.Read(json).ToDictionary(f => f.Key, f => f.Value.Count == 0 ? null : string.Join(", ", f.Value), StringComparer.Ordinal);
}
