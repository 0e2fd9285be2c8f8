namespace Connector.Sync;

/// <summary>A CRM contact as the mirror sees it, free of any CRM's wire names.</summary>
public sealed record CrmContact
{
    public required long Id { get; init; }

    public string? Name { get; init; }

    public string? SecondName { get; init; }

    public string? LastName { get; init; }

    public long? AssignedById { get; init; }

    public bool? Export { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ModifiedAt { get; init; }

    public IReadOnlyList<CrmEmail> Emails { get; init; } = [];

    /// <summary>The CRM's user fields by their code: each a list of values (empty when the field is empty).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CustomFields { get; init; } = CrmCustomFields.None;
}
