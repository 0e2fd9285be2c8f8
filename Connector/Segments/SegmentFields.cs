namespace Connector.Segments;

/// <summary>
/// The field whitelist: DSL name → SQL expression over the mirror (contacts <c>c</c>, deals <c>d</c>), type and
/// operators. Custom fields (<c>contact.custom.CODE</c>, <c>deal.custom.CODE</c>) read the custom_fields JSON (0005) as
/// text lists. Anything not listed here is an error naming the column.
/// </summary>
public static class SegmentFields
{
    private const string StageName = "(SELECT st.name FROM stages st WHERE st.portal_id = d.portal_id AND st.stage_id = d.stage_id)";
    private const string PipelineName = "(SELECT pl.name FROM pipelines pl WHERE pl.portal_id = d.portal_id AND pl.crm_id = d.pipeline_id)";
    private const string Status = "(CASE d.stage_semantic WHEN 'S' THEN 'won' WHEN 'F' THEN 'lost' ELSE 'open' END)";

    public static IReadOnlyList<SegmentField> All { get; } =
    [
        new("contact.id", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, "c.crm_id", false, "the contact's CRM id"),
        new("contact.name", SegmentScope.Contact, SegmentFieldType.Text, SegmentFieldShape.Scalar, "c.name", true, "first name"),
        new("contact.second_name", SegmentScope.Contact, SegmentFieldType.Text, SegmentFieldShape.Scalar, "c.second_name", true, "second (middle) name"),
        new("contact.last_name", SegmentScope.Contact, SegmentFieldType.Text, SegmentFieldShape.Scalar, "c.last_name", true, "last name"),
        new("contact.email", SegmentScope.Contact, SegmentFieldType.Text, SegmentFieldShape.Emails, "e.address", false, "any of its addresses (domain lower-cased by sync)"),
        new("contact.assigned", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, "c.assigned_by_id", true, "responsible user id"),
        new("contact.created", SegmentScope.Contact, SegmentFieldType.Date, SegmentFieldShape.Scalar, "c.created_at", true, "created in the CRM"),
        new("contact.modified", SegmentScope.Contact, SegmentFieldType.Date, SegmentFieldShape.Scalar, "c.modified_at", true, "last modified in the CRM"),
        new("rfm.segment", SegmentScope.Contact, SegmentFieldType.Text, SegmentFieldShape.Scalar, Rfm("segment"), true, "RFM segment (champions, loyal, at_risk, …; empty without a won deal)")
        {
            Values = Connector.Rfm.RfmSegments.All,
        },
        new("rfm.r", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, Rfm("r"), true, "RFM recency score 1..5 (5: won most recently)"),
        new("rfm.f", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, Rfm("f"), true, "RFM frequency score 1..5"),
        new("rfm.m", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, Rfm("m"), true, "RFM monetary score 1..5"),
        new("rfm.recency_days", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, Rfm("recency_days"), true, "days since the last won deal (at the last RFM refresh)"),
        new("rfm.frequency", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, Rfm("frequency"), true, "won deals"),
        new("rfm.monetary", SegmentScope.Contact, SegmentFieldType.Number, SegmentFieldShape.Scalar, Rfm("monetary"), true, "sum of won deals in the portal's main currency"),
        new("deal.id", SegmentScope.Deal, SegmentFieldType.Number, SegmentFieldShape.Scalar, "d.crm_id", false, "the deal's CRM id"),
        new("deal.title", SegmentScope.Deal, SegmentFieldType.Text, SegmentFieldShape.Scalar, "d.title", true, "title"),
        new("deal.stage", SegmentScope.Deal, SegmentFieldType.Text, SegmentFieldShape.Scalar, "d.stage_id", false, "stage id (NEW, C1:WON)"),
        new("deal.stage_name", SegmentScope.Deal, SegmentFieldType.Text, SegmentFieldShape.Scalar, StageName, true, "stage name as the portal shows it"),
        new("deal.pipeline", SegmentScope.Deal, SegmentFieldType.Number, SegmentFieldShape.Scalar, "d.pipeline_id", false, "pipeline (category) id; 0 is the default"),
        new("deal.pipeline_name", SegmentScope.Deal, SegmentFieldType.Text, SegmentFieldShape.Scalar, PipelineName, true, "pipeline name"),
        new("deal.status", SegmentScope.Deal, SegmentFieldType.Text, SegmentFieldShape.Scalar, Status, false, "open, won or lost (the stage's semantics)"),
        new("deal.amount", SegmentScope.Deal, SegmentFieldType.Number, SegmentFieldShape.Scalar, "CAST(NULLIF(d.amount, '') AS REAL)", true, "opportunity amount"),
        new("deal.currency", SegmentScope.Deal, SegmentFieldType.Text, SegmentFieldShape.Scalar, "d.currency", true, "currency code"),
        new("deal.assigned", SegmentScope.Deal, SegmentFieldType.Number, SegmentFieldShape.Scalar, "d.assigned_by_id", true, "responsible user id"),
        new("deal.created", SegmentScope.Deal, SegmentFieldType.Date, SegmentFieldShape.Scalar, "d.created_at", true, "created in the CRM"),
        new("deal.modified", SegmentScope.Deal, SegmentFieldType.Date, SegmentFieldShape.Scalar, "d.modified_at", true, "last modified in the CRM"),
        new("deal.moved", SegmentScope.Deal, SegmentFieldType.Date, SegmentFieldShape.Scalar, "d.moved_at", true, "moved to its current stage"),
    ];

    private static string Rfm(string column) => $"(SELECT rs.{column} FROM rfm_scores rs WHERE rs.portal_id = c.portal_id AND rs.contact_id = c.crm_id)";

    private static readonly Dictionary<string, SegmentField> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The field a name stands for, or null; custom field codes are letters, digits and '_' (the lexer's words).</summary>
    public static SegmentField? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ByName.TryGetValue(name, out var field))
        {
            return field;
        }

        foreach (var (prefix, scope, owner) in new[] { ("contact.custom.", SegmentScope.Contact, "c"), ("deal.custom.", SegmentScope.Deal, "d") })
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length && !name[prefix.Length..].Contains('.', StringComparison.Ordinal))
            {
                var code = name[prefix.Length..];
                return new SegmentField(prefix.ToLowerInvariant() + code, scope, SegmentFieldType.Text, SegmentFieldShape.Custom, $"{owner}.custom_fields", true, "custom field (text values)")
                {
                    CustomKey = code,
                };
            }
        }

        return null;
    }
}
