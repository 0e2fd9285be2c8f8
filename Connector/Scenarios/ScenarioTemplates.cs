using Connector.Store;
using Connector.Templates;
using Dapper;

namespace Connector.Scenarios;

/// <summary>Which stored templates exist, for validation: read through the Templates slice's <see cref="TemplateStore"/>.</summary>
public sealed class ScenarioTemplates(SqliteConnectionFactory connections, TimeProvider time)
{
    private readonly TemplateStore _store = new(connections, new TemplateCompiler(), time);

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        await _store.LatestAsync(name, cancellationToken) is not null;

    /// <summary>The stored templates' names, for an editor to pick from (the Templates slice keeps no list query).</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT name FROM templates ORDER BY name", cancellationToken: cancellationToken))).ToList();
    }
}
