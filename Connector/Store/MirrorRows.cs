namespace Connector.Store;

/// <summary>Row shapes the CLI reads from the mirror (nominal records for Dapper).</summary>
public sealed record ContactExportRow
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? SecondName { get; init; }

    public string? LastName { get; init; }

    public string? Emails { get; init; }

    public string? InvalidEmails { get; init; }

    public long Deleted { get; init; }

    public string? ModifiedAt { get; init; }
}
