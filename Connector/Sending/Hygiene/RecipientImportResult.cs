namespace Connector.Sending.Hygiene;

/// <summary>
/// What an import read: the recipients to queue (none kept when they were streamed to a caller as they were read), how
/// many there were, the lines skipped or flagged, and how many lines repeated an address.
/// </summary>
public sealed record RecipientImportResult(IReadOnlyList<ImportedRecipient> Recipients, IReadOnlyList<ImportProblem> Problems, int Duplicates)
{
    private readonly int? _count;

    /// <summary>The recipients read: <see cref="Recipients"/>' count, or how many were streamed.</summary>
    public int Count
    {
        get => _count ?? Recipients.Count;
        init => _count = value;
    }

    public int Skipped => Problems.Count(p => p.Skipped);

    public int Flagged => Problems.Count(p => !p.Skipped);
}
