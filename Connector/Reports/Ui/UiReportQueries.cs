using Connector.Store;
using Dapper;

namespace Connector.Reports.Ui;

/// <summary>The pages' report reads (read-only): figures grouped as asked, reactions, opens by minute, link clicks, the lists.</summary>
public sealed partial class UiReportQueries(SqliteConnectionFactory connections)
{
    /// <summary>The selection's figures per group (<c>grp</c>) or per recipient domain (<c>domain</c>).</summary>
    public Task<IReadOnlyList<(string Group, ReportFigures Figures)>> FiguresAsync(ReportSelection selection, bool byDomain, CancellationToken cancellationToken) =>
        QueryAsync(selection, FiguresBy(selection, byDomain ? "domain" : "grp"),
            (connection, command) => connection.QueryAsync<ReportGroup, ReportFigures, (string, ReportFigures)>(command, (g, f) => (g.Group, f with { Domain = byDomain ? g.Group : "" }), splitOn: "Messages"), cancellationToken);

    public Task<IReadOnlyList<ReactionRow>> ReactionsAsync(ReportSelection selection, CancellationToken cancellationToken) =>
        QueryAsync(selection, Reactions(selection), (c, command) => c.QueryAsync<ReactionRow>(command), cancellationToken);

    public Task<IReadOnlyList<OpenMinuteRow>> OpenMinutesAsync(ReportSelection selection, CancellationToken cancellationToken) =>
        QueryAsync(selection, OpenMinutes(selection), (c, command) => c.QueryAsync<OpenMinuteRow>(command), cancellationToken);

    public Task<IReadOnlyList<LinkClicks>> LinksAsync(ReportSelection selection, CancellationToken cancellationToken) =>
        QueryAsync(selection, Links(selection), (c, command) => c.QueryAsync<LinkClicks>(command), cancellationToken);

    public async Task<LetterRef?> FirstLetterAsync(ReportSelection selection, CancellationToken cancellationToken) =>
        First(await QueryAsync(selection, FirstLetter(selection), (c, command) => c.QueryAsync<LetterRef>(command), cancellationToken));

    public Task<IReadOnlyList<CampaignKeyRow>> CampaignKeysAsync(long portalId, CancellationToken cancellationToken) =>
        ListAsync<CampaignKeyRow>(CampaignKeys, new { Portal = portalId }, cancellationToken);

    public Task<IReadOnlyList<string>> BaselineKeysAsync(long portalId, string? exclude, CancellationToken cancellationToken) =>
        ListAsync<string>(BaselineKeys, new { Portal = portalId, Exclude = exclude ?? "", Count = ReportBaseline.Size }, cancellationToken);

    public Task<IReadOnlyList<ScenarioListRow>> ScenariosAsync(long portalId, CancellationToken cancellationToken) =>
        ListAsync<ScenarioListRow>(Scenarios, new { Portal = portalId }, cancellationToken);

    public Task<IReadOnlyList<TemplateListRow>> TemplatesAsync(long portalId, CancellationToken cancellationToken) =>
        ListAsync<TemplateListRow>(Templates, new { Portal = portalId }, cancellationToken);

    public Task<IReadOnlyList<PauseRow>> PausesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ListAsync<PauseRow>(Pauses, new { Now = UtcText.From(now) }, cancellationToken);

    /// <summary>The portal's rows held back because the relay was unreachable (none: Rows 0).</summary>
    public async Task<OutageRow> OutageAsync(long portalId, DateTimeOffset now, CancellationToken cancellationToken) =>
        First(await ListAsync<OutageRow>(Outage, new { Portal = portalId, Now = UtcText.From(now), Prefix = Sending.Ledger.SendLedgerStore.RelayUnreachable + "%" }, cancellationToken)) ?? new OutageRow();

    public async Task<InstallRow?> InstallAsync(long portalId, CancellationToken cancellationToken) =>
        First(await ListAsync<InstallRow>(Install, new { Portal = portalId }, cancellationToken));

    private static T? First<T>(IReadOnlyList<T> rows) => rows.Count > 0 ? rows[0] : default;

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        ReportSelection selection, string sql, Func<System.Data.Common.DbConnection, CommandDefinition, Task<IEnumerable<T>>> query, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await query(connection, new CommandDefinition(sql, new DynamicParameters(selection.Parameters), cancellationToken: cancellationToken))).ToList();
    }
}
