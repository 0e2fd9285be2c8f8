using System.Text.RegularExpressions;
using Connector.Store;
using Dapper;

namespace Connector.Templates.Ui;

/// <summary>
/// What the editor offers from one portal's mirror: the custom-field codes of its latest contacts and deals (with an
/// example value each) and the contacts a preview may be rendered for. Read-only over Sync's tables.
/// </summary>
public sealed partial class TemplateMirrorQueries(SqliteConnectionFactory connections)
{
    private const string ContactFields = """
        SELECT j.key AS Code, MAX(NULLIF(json_extract(j.value, '$[0]'), '')) AS Example FROM (
            SELECT custom_fields FROM contacts WHERE portal_id = @Portal AND custom_fields IS NOT NULL AND deleted = 0
            ORDER BY synced_at DESC LIMIT 50) r, json_each(r.custom_fields) j
        GROUP BY j.key ORDER BY j.key LIMIT 200
        """;
    private const string DealFields = """
        SELECT j.key AS Code, MAX(NULLIF(json_extract(j.value, '$[0]'), '')) AS Example FROM (
            SELECT custom_fields FROM deals WHERE portal_id = @Portal AND custom_fields IS NOT NULL AND deleted = 0
            ORDER BY synced_at DESC LIMIT 50) r, json_each(r.custom_fields) j
        GROUP BY j.key ORDER BY j.key LIMIT 200
        """;

    private const string Contacts = """
        SELECT c.crm_id AS Id, TRIM(COALESCE(c.name, '') || ' ' || COALESCE(c.last_name, '')) AS Name,
               (SELECT address FROM contact_emails e WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND e.is_valid = 1 ORDER BY position LIMIT 1) AS Email
        FROM contacts c
        WHERE c.portal_id = @Portal AND c.deleted = 0
          AND (@Query = '' OR instr(lower(COALESCE(c.name, '') || ' ' || COALESCE(c.last_name, '')), lower(@Query)) > 0
               OR EXISTS (SELECT 1 FROM contact_emails e WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND instr(lower(e.address), lower(@Query)) > 0)
               OR CAST(c.crm_id AS TEXT) = @Query)
        ORDER BY c.crm_id LIMIT 20
        """;

    /// <summary>The custom fields, each with its name in <paramref name="lang"/> when the portal named it (<see cref="Sync.FieldLabels"/>).</summary>
    public async Task<IReadOnlyList<TemplateCustomField>> CustomFieldsAsync(long portalId, CancellationToken cancellationToken, string? lang = null)
    {
        List<FieldRow> contact, deal;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            contact = [.. await connection.QueryAsync<FieldRow>(new CommandDefinition(ContactFields, new { Portal = portalId }, cancellationToken: cancellationToken))];
            deal = [.. await connection.QueryAsync<FieldRow>(new CommandDefinition(DealFields, new { Portal = portalId }, cancellationToken: cancellationToken))];
        }

        var labels = lang is null ? null : await Sync.FieldLabels.ReadAsync(connections, portalId, lang, cancellationToken);
        string? Label(string owner, string code) => labels is not null && labels.TryGetValue((owner, code), out var label) ? label : null;
        return contact.Where(f => Code().IsMatch(f.Code)).Select(f => new TemplateCustomField("contact", f.Code, f.Code, $"{{{{ contact.fields.{f.Code} }}}}", Capped(f.Example), Label("contact", f.Code)))
            .Concat(deal.Where(f => Code().IsMatch(f.Code)).Select(f => new TemplateCustomField("deal", f.Code, "deal." + f.Code, $"{{{{ deal.fields.{f.Code} }}}}", Capped(f.Example), Label("deal", f.Code))))
            .ToList();
    }

    public async Task<IReadOnlyList<TemplateSampleContact>> ContactsAsync(long portalId, string? query, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var text = (query ?? "").Trim();
        return (await connection.QueryAsync<TemplateSampleContact>(new CommandDefinition(Contacts, new { Portal = portalId, Query = text.Length > 100 ? text[..100] : text }, cancellationToken: cancellationToken))).ToList();
    }

    private static string? Capped(string? value) => value is { Length: > 80 } ? value[..80] + "…" : value;

    // The codes a template may declare (CustomFieldNames); anything else in the mirror is not offered.
    [GeneratedRegex("^UF_[A-Z0-9_]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    private sealed record FieldRow
    {
        public string Code { get; init; } = "";

        public string? Example { get; init; }
    }
}
