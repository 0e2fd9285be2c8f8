using System.Text.Json;
using Connector.Store;
using Dapper;

namespace Connector.Reports;

/// <summary>
/// The report figures, read from the send ledger, send_keys, the engagement store and bounce_events: the one query
/// service that <c>crm-esp report</c> and the API use. Read-only; every statement starts from an index (see the SQL).
/// </summary>
public sealed partial class ReportQueries(SqliteConnectionFactory connections)
{
    /// <summary>The send key's report; null when no ledger row and no send_keys row has that key.</summary>
    public async Task<SendKeyReport?> SendKeyAsync(string sendKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var key = await connection.QuerySingleOrDefaultAsync<ReportSendKey>(new CommandDefinition(Key, new { Key = sendKey }, cancellationToken: cancellationToken));
        var domains = (await connection.QueryAsync<ReportFigures>(new CommandDefinition(ByDomain, new { Key = sendKey }, cancellationToken: cancellationToken))).ToList();
        return key is null && domains.Count == 0 ? null : new SendKeyReport(sendKey, key, ReportFigures.Sum(domains), domains);
    }

    /// <summary>The messages sent to a CRM contact under the portal's send keys, oldest first.</summary>
    public Task<IReadOnlyList<ReportMessage>> ContactAsync(long portalId, long contactId, CancellationToken cancellationToken) =>
        MessagesAsync(ContactMessages, new { Portal = portalId, Contact = contactId }, cancellationToken);

    /// <summary>The messages of the send keys that belong to a deal of the portal, oldest first.</summary>
    public Task<IReadOnlyList<ReportMessage>> DealAsync(long portalId, long dealId, CancellationToken cancellationToken) =>
        MessagesAsync(DealMessages, new { Portal = portalId, Deal = dealId }, cancellationToken);

    /// <summary>One message (ledger row) of the portal's send keys with its engagement; null when there is none with that id in this portal.</summary>
    public async Task<ReportMessage?> MessageAsync(long portalId, long ledgerId, CancellationToken cancellationToken)
    {
        var messages = await MessagesAsync(OneMessage, new { Portal = portalId, Id = ledgerId }, cancellationToken);
        return messages.Count == 0 ? null : messages[0];
    }

    private async Task<IReadOnlyList<ReportMessage>> MessagesAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ReportMessageRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var clicked = rows.Where(r => r.Clicks > 0).Select(r => r.LedgerId).ToList();
        var links = clicked.Count == 0
            ? []
            : (await connection.QueryAsync<ReportLink>(new CommandDefinition(Links, new { Ids = JsonSerializer.Serialize(clicked) }, cancellationToken: cancellationToken))).ToList();
        var byMessage = links.ToLookup(l => l.LedgerId);
        return rows.Select(r => new ReportMessage(r, byMessage[r.LedgerId].ToList())).ToList();
    }
}
