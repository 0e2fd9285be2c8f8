using Connector.Store;
using Connector.Templates;
using Dapper;

namespace Connector.Campaigns.Ui;

/// <summary>The stored templates a campaign may use (names from the templates table, each read through <see cref="TemplateStore"/>): name, newest version, subject.</summary>
public sealed class CampaignTemplateList(SqliteConnectionFactory connections, TemplateStore templates)
{
    public const int Limit = 500;

    public async Task<IReadOnlyList<(string Name, int Version, string Subject)>> ListAsync(CancellationToken cancellationToken)
    {
        List<string> names;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            names = (await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT name FROM templates ORDER BY name LIMIT @Limit", new { Limit }, cancellationToken: cancellationToken))).ToList();
        }

        var list = new List<(string, int, string)>(names.Count);
        foreach (var name in names)
        {
            if (await templates.LatestAsync(name, cancellationToken) is { } file)
            {
                list.Add((name, file.Version, file.Subject));
            }
        }

        return list;
    }
}
