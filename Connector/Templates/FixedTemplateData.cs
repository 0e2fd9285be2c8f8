using Connector.Sending.Ledger;

namespace Connector.Templates;

/// <summary>Template data given up front, by contact ID (previews, tests, small sends): nothing to load.</summary>
public sealed class FixedTemplateData(IReadOnlyDictionary<long, TemplateData> data) : ITemplateDataSource
{
    public Task LoadAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken) => Task.CompletedTask;

    public TemplateData? DataOf(LedgerRow row) => row is not null && data.TryGetValue(row.ContactId, out var found) ? found : null;
}
