using Connector.Sending.Ledger;
using Connector.Templates;

namespace Connector.Campaigns;

/// <summary>
/// A recipients file's template data, shaped from each ledger row itself — its address, the name the file gave it
/// (<see cref="LedgerRow.RecipientName"/>) and its address-derived contact ID — so nothing of the file is held in memory
/// while it is sent, and a re-run renders rows an earlier run queued.
/// </summary>
public sealed class FileRowTemplateData(TemplateSender sender) : ITemplateDataSource
{
    public Task LoadAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken) => Task.CompletedTask;

    public TemplateData? DataOf(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return TemplateData.From(new TemplateContact(row.ContactId, row.RecipientName, null, null, row.Recipient, null, new Dictionary<string, string?>()), [], sender, "");
    }
}
