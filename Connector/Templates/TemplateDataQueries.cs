using System.Globalization;
using Connector.Store;
using Dapper;

namespace Connector.Templates;

/// <summary>
/// Reads one mirrored contact with its deals (stage and pipeline names, custom fields) for rendering; read-only over
/// Sync's tables. A custom field reads as its values joined with ", ", or null when empty. The contact's locale comes
/// from the custom field <see cref="TemplateOptions.LocaleField"/> when that holds a known culture name.
/// </summary>
public sealed class TemplateDataQueries(SqliteConnectionFactory connections, TemplateOptions options)
{
    private const string Contact = """
        SELECT c.crm_id AS Id, c.name AS Name, c.last_name AS LastName, c.second_name AS SecondName, c.custom_fields AS CustomFields,
               (SELECT address FROM contact_emails e WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND e.is_valid = 1
                ORDER BY position LIMIT 1) AS Email
        FROM contacts c JOIN portals p ON p.id = c.portal_id
        WHERE p.portal_key = @PortalKey AND c.crm_id = @ContactId AND c.deleted = 0
        """;

    private const string Deals = """
        SELECT d.crm_id AS Id, d.title AS Title, d.stage_id AS Stage, s.name AS StageName, pl.name AS Pipeline,
               d.amount AS Amount, d.currency AS Currency, d.stage_semantic AS Semantic, d.custom_fields AS CustomFields
        FROM deal_contacts x
        JOIN deals d ON d.portal_id = x.portal_id AND d.crm_id = x.deal_id AND d.deleted = 0
        JOIN portals p ON p.id = x.portal_id
        LEFT JOIN stages s ON s.portal_id = d.portal_id AND s.stage_id = d.stage_id
        LEFT JOIN pipelines pl ON pl.portal_id = d.portal_id AND pl.crm_id = d.pipeline_id
        WHERE p.portal_key = @PortalKey AND x.contact_id = @ContactId
        ORDER BY d.crm_id
        """;

    public async Task<(TemplateContact Contact, IReadOnlyList<TemplateDeal> Deals)?> ContactAsync(string portalKey, long contactId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { PortalKey = portalKey, ContactId = contactId };
        var contact = await connection.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition(Contact, args, cancellationToken: cancellationToken));
        if (contact is null)
        {
            return null;
        }

        var deals = await connection.QueryAsync<DealRow>(new CommandDefinition(Deals, args, cancellationToken: cancellationToken));
        var fields = Fields(contact.CustomFields);
        var locale = options.LocaleField.Length > 0 ? ContactLocale.Resolve(fields.GetValueOrDefault(options.LocaleField)) : null;
        return (new TemplateContact(contact.Id, contact.Name, contact.LastName, contact.SecondName, contact.Email, locale, fields),
            deals.Select(d => new TemplateDeal(d.Id, d.Title, d.Stage, d.StageName, d.Pipeline,
                decimal.TryParse(d.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
                d.Currency, d.Semantic is "S" or "F", d.Semantic == "S", Fields(d.CustomFields))).ToList());
    }

    private static Dictionary<string, string?> Fields(string? json) =>
        CustomFieldsJson.Read(json).ToDictionary(f => f.Key, f => f.Value.Count == 0 ? null : string.Join(", ", f.Value), StringComparer.Ordinal);

    private sealed record ContactRow
    {
        public long Id { get; init; }

        public string? Name { get; init; }

        public string? LastName { get; init; }

        public string? SecondName { get; init; }

        public string? Email { get; init; }

        public string? CustomFields { get; init; }
    }

    private sealed record DealRow
    {
        public long Id { get; init; }

        public string? Title { get; init; }

        public string? Stage { get; init; }

        public string? StageName { get; init; }

        public string? Pipeline { get; init; }

        public string? Amount { get; init; }

        public string? Currency { get; init; }

        public string? Semantic { get; init; }

        public string? CustomFields { get; init; }
    }
}
