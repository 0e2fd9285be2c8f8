using Connector.Sending.Hygiene;

namespace Connector.Tests.Sending;

[CancelAfter(120_000)]
public sealed class ImportSummaryTests
{
    private static ImportProblem Skipped(string reason, int line) => new("r.csv", line, reason, "x", Skipped: true);

    [Test]
    public void NothingQueued_AllNoDomain_CountsPerReasonAndTheDnsHint() =>
        Assert.That(ImportSummary.NothingQueued("r.csv", new RecipientImportResult([], [.. Enumerable.Range(1, 13).Select(i => Skipped("no_domain", i)), Skipped("syntax", 14)], 0)),
            Is.EqualTo("r.csv: nothing to send: 14 skipped: no_domain 13, syntax 1 — DNS may be unreachable; Sending:Validation:CheckMx=false skips MX checks"));

    [Test]
    public void NothingQueued_EmptyFile_SaysTheFileHoldsNoRecipients() =>
        Assert.That(ImportSummary.NothingQueued("r.csv", new RecipientImportResult([], [], 0)), Does.StartWith("r.csv: nothing to send: the file holds no recipients"));

    [Test]
    public void NothingQueued_SomeRecipients_Null() =>
        Assert.That(ImportSummary.NothingQueued("r.csv", new RecipientImportResult([new ImportedRecipient(1, "a@example.org", null, -1, null)], [Skipped("syntax", 2)], 0)), Is.Null);
}
