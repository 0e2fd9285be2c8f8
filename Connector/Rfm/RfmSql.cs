namespace Connector.Rfm;

/// <summary>
/// The won-deal rows of one portal (<c>@Portal</c>) as a CTE named <c>won</c>: a deal in a stage of semantics S with a
/// live contact, won at its move into that stage (else its modified, else created time), with its currency and amount.
/// </summary>
internal static class RfmSql
{
    public const string Won = """
        won AS (
          SELECT dc.contact_id AS contact_id, d.crm_id AS deal_id, COALESCE(d.moved_at, d.modified_at, d.created_at) AS won_at,
                 COALESCE(d.currency, '') AS currency, COALESCE(CAST(NULLIF(d.amount, '') AS REAL), 0) AS amount
          FROM deals d
          JOIN deal_contacts dc ON dc.portal_id = d.portal_id AND dc.deal_id = d.crm_id
          JOIN contacts c ON c.portal_id = dc.portal_id AND c.crm_id = dc.contact_id AND c.deleted = 0
          WHERE d.portal_id = @Portal AND d.deleted = 0 AND d.stage_semantic = 'S'
            AND COALESCE(d.moved_at, d.modified_at, d.created_at) IS NOT NULL
        )
        """;
}
