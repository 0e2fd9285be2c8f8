namespace Connector.Templates;

/// <summary>Template data given up front, by contact ID (previews, tests, small sends): nothing to load.</summary>
public sealed class FixedTemplateData(IReadOnlyDictionary<long, TemplateData> data) : ITemplateDataSource
{
    public Task LoadAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public TemplateData? DataOf(long contactId) => data.TryGetValue(contactId, out var found) ? found : null;
}
