using Connector.Sending.Hygiene;
using Connector.Templates;

namespace Connector.Campaigns;

/// <summary>
/// A recipients file's template data: each recipient's address and name, shaped into <see cref="TemplateData"/> only
/// for the batch about to render — a million-line file holds a million small records, not a million dictionaries.
/// </summary>
public sealed class ImportedTemplateData(IReadOnlyList<ImportedRecipient> recipients, TemplateSender sender) : ITemplateDataSource
{
    private readonly Dictionary<long, ImportedRecipient> _byContact = ByContact(recipients);
    private Dictionary<long, TemplateData> _batch = [];

    public Task LoadAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var batch = new Dictionary<long, TemplateData>(contactIds.Count);
        foreach (var id in contactIds)
        {
            if (_byContact.TryGetValue(id, out var r))
            {
                batch[id] = Shape(r, sender);
            }
        }

        Volatile.Write(ref _batch, batch);
        return Task.CompletedTask;
    }

    // Not loaded (a caller that renders without a batch): shaped on the spot.
    public TemplateData? DataOf(long contactId) =>
        Volatile.Read(ref _batch).TryGetValue(contactId, out var data) ? data
        : _byContact.TryGetValue(contactId, out var r) ? Shape(r, sender)
        : null;

    private static TemplateData Shape(ImportedRecipient r, TemplateSender sender) => TemplateData.From(
        new TemplateContact(r.ContactId, r.Name, null, null, r.Address, null, new Dictionary<string, string?>()), [], sender, "");

    private static Dictionary<long, ImportedRecipient> ByContact(IReadOnlyList<ImportedRecipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var map = new Dictionary<long, ImportedRecipient>(recipients.Count);
        foreach (var r in recipients)
        {
            map[r.ContactId] = r; // as ToDictionary did before, one per contact ID; the import has made them unique
        }

        return map;
    }
}
