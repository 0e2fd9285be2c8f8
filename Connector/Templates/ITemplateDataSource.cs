namespace Connector.Templates;

/// <summary>
/// Where <see cref="TemplateLetterSource"/> finds a recipient's template data by contact ID (consumer-owned). A large
/// send does not hold every recipient's data at once: the runner calls <see cref="LoadAsync"/> with each reserved
/// batch's contacts before it renders them, and a source may keep only that batch.
/// </summary>
public interface ITemplateDataSource
{
    /// <summary>Makes the data of <paramref name="contactIds"/> available to <see cref="DataOf"/> (the batch about to render).</summary>
    Task LoadAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken);

    /// <summary>The contact's data, or null when the source has none for it (the row then gets no letter).</summary>
    TemplateData? DataOf(long contactId);
}
