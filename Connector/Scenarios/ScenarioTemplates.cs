using Connector.Store;
using Connector.Templates;

namespace Connector.Scenarios;

/// <summary>Which stored templates exist, for validation: read through the Templates slice's <see cref="TemplateStore"/>.</summary>
public sealed class ScenarioTemplates(SqliteConnectionFactory connections, TimeProvider time)
{
    private readonly TemplateStore _store = new(connections, new TemplateCompiler(), time);

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        await _store.LatestAsync(name, cancellationToken) is not null;
}
