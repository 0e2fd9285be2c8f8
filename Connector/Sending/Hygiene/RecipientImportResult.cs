namespace Connector.Sending.Hygiene;

/// <summary>What an import read: the recipients to queue, the lines skipped or flagged, and how many lines repeated an address.</summary>
public sealed record RecipientImportResult(IReadOnlyList<ImportedRecipient> Recipients, IReadOnlyList<ImportProblem> Problems, int Duplicates)
{
    public int Skipped => Problems.Count(p => p.Skipped);

    public int Flagged => Problems.Count(p => !p.Skipped);
}
