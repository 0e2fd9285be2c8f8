using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Queue;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Sending.Queue;

/// <summary>
/// <see cref="ISendQueue"/> over the store, as serve composes it (the runner off, so rows stay queued): one transaction
/// writes the send key, the ledger row and the stored letter; the recipient is the address or the contact's first valid
/// e-mail; every refusal is a value and leaves nothing behind; (send key, recipient) twice is the first row.
/// </summary>
[CancelAfter(60_000)]
public sealed class SendQueueTests
{
    private static readonly Dictionary<string, string?> RunnerOff = new() { ["Sending:Runner:Enabled"] = "false" };

    private static QueuedLetter Letter(string sendKey) => new()
    {
        PortalId = 1, SendKey = sendKey, TemplateName = QueueRig.Template, ContactId = 7,
        Variables = new Dictionary<string, string?> { ["order_id"] = "A-1042", ["tracking"] = "RR123" },
    };

    [Test]
    public async Task Enqueue_Contact_FirstValidEmailSendKeyLedgerRowAndStoredLetterWrittenTogether(CancellationToken cancellationToken)
    {
        await using var rig = await QueueRig.StartAsync(cancellationToken, RunnerOff);
        var queue = rig.Services.GetRequiredService<ISendQueue>();

        var result = await queue.EnqueueAsync(Letter("api:test:1") with { DealId = 70, Kind = MailKind.Transactional }, cancellationToken);

        await using var connection = new SqliteConnection($"Data Source={rig.StorePath};Pooling=False");
        var key = await connection.QuerySingleAsync<(long Portal, string Name, string Kind, long Deal)>("SELECT portal_id, name, kind, deal_id FROM send_keys WHERE send_key = 'api:test:1'");
        var row = await connection.QuerySingleAsync<(long Id, string Recipient, long Contact, string State, string Kind)>("SELECT id, recipient, contact_id, state, kind FROM send_ledger WHERE send_key = 'api:test:1'");
        var stored = await rig.Services.GetRequiredService<QueuedLetterStore>().FindAsync(row.Id, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((result.Created, result.LedgerRowId, result.Recipient, result.Refused), Is.EqualTo((true, (long?)row.Id, "anna@example.org", (string?)null)));
            Assert.That(key, Is.EqualTo((1L, QueueRig.Template, "Transactional", 70L)));
            Assert.That(row, Is.EqualTo((row.Id, "anna@example.org", 7L, LedgerState.Queued, "Transactional")));
            Assert.That(stored!.TemplateVersion, Is.EqualTo(2), "the latest version, resolved and recorded at enqueue");
            Assert.That((stored.PortalId, stored.DealId, stored.ListName), Is.EqualTo((1L, (long?)70, QueueRig.Template)));
            Assert.That(stored.Variables, Is.EqualTo("""{"order_id":"A-1042","tracking":"RR123"}"""));
        });
    }

    [Test]
    public async Task Enqueue_SameSendKeyAndRecipientTwice_FirstRowCreatedFalse_OneRow(CancellationToken cancellationToken)
    {
        await using var rig = await QueueRig.StartAsync(cancellationToken, RunnerOff);
        var queue = rig.Services.GetRequiredService<ISendQueue>();

        var first = await queue.EnqueueAsync(Letter("step:1:enrollment:1"), cancellationToken);
        var second = await queue.EnqueueAsync(Letter("step:1:enrollment:1") with { Address = "anna@example.org", TemplateVersion = 1 }, cancellationToken);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => queue.EnqueueAsync(Letter("step:1:enrollment:2"), cancellationToken), cancellationToken)));

        Assert.Multiple(async () =>
        {
            Assert.That((first.Created, second.Created, second.LedgerRowId), Is.EqualTo((true, false, first.LedgerRowId)));
            Assert.That(concurrent.Count(r => r.Created), Is.EqualTo(1));
            Assert.That(concurrent.Select(r => r.LedgerRowId).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_ledger"), Is.EqualTo(2));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM queued_letters"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Enqueue_SameRequestHash_AnswersTheFirstRowEvenOnceSuppressed_OtherHashConflict(CancellationToken cancellationToken)
    {
        await using var rig = await QueueRig.StartAsync(cancellationToken, RunnerOff);
        var queue = rig.Services.GetRequiredService<ISendQueue>();

        var first = await queue.EnqueueAsync(Letter("api:k:1") with { RequestHash = "H1" }, cancellationToken);
        await rig.Services.GetRequiredService<SendLedgerStore>().SuppressAsync("anna@example.org", "manual", "test", cancellationToken);
        var replay = await queue.EnqueueAsync(Letter("api:k:1") with { RequestHash = "H1" }, cancellationToken);
        var other = await queue.EnqueueAsync(Letter("api:k:1") with { RequestHash = "H2", ContactId = null, Address = "cy@example.net" }, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((replay.Created, replay.LedgerRowId, replay.Recipient, replay.Refused), Is.EqualTo((false, first.LedgerRowId, "anna@example.org", (string?)null)));
            Assert.That((other.Refused, other.LedgerRowId), Is.EqualTo((QueuedLetterRefusals.Conflict, first.LedgerRowId)));
            Assert.That(await rig.CountAsync("SELECT COUNT(*) FROM send_ledger"), Is.EqualTo(1));
        });
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(Letter("r") with { ContactId = null, Address = "zoe@example.org" }, QueuedLetterRefusals.Suppressed).SetArgDisplayNames("suppressed address");
        yield return new TestCaseData(Letter("r") with { ContactId = 12 }, QueuedLetterRefusals.Suppressed).SetArgDisplayNames("suppressed contact address");
        yield return new TestCaseData(Letter("r") with { ContactId = null, Address = "not an address" }, QueuedLetterRefusals.InvalidAddress).SetArgDisplayNames("invalid address");
        yield return new TestCaseData(Letter("r") with { ContactId = 11 }, QueuedLetterRefusals.InvalidAddress).SetArgDisplayNames("contact with only invalid e-mails");
        yield return new TestCaseData(Letter("r") with { ContactId = 8 }, QueuedLetterRefusals.NoAddress).SetArgDisplayNames("contact without e-mail");
        yield return new TestCaseData(Letter("r") with { ContactId = null }, QueuedLetterRefusals.NoAddress).SetArgDisplayNames("neither contact nor address");
        yield return new TestCaseData(Letter("r") with { TemplateName = "nope" }, QueuedLetterRefusals.UnknownTemplate).SetArgDisplayNames("unknown template");
        yield return new TestCaseData(Letter("r") with { TemplateVersion = 3 }, QueuedLetterRefusals.UnknownTemplate).SetArgDisplayNames("unknown version");
        yield return new TestCaseData(Letter("r") with { ContactId = 99 }, QueuedLetterRefusals.UnknownContact).SetArgDisplayNames("unknown contact");
        yield return new TestCaseData(Letter("r") with { ContactId = 10 }, QueuedLetterRefusals.UnknownContact).SetArgDisplayNames("deleted contact");
        yield return new TestCaseData(Letter("r") with { PortalId = 2 }, QueuedLetterRefusals.UnknownContact).SetArgDisplayNames("another portal's contact");
        yield return new TestCaseData(Letter("r") with { ContactId = 9 }, QueuedLetterRefusals.UnsubscribedInCrm).SetArgDisplayNames("opted out in the CRM");
        yield return new TestCaseData(Letter("r") with { ContactId = null, Address = "dina@example.org" }, QueuedLetterRefusals.UnsubscribedInCrm).SetArgDisplayNames("opted-out contact's address");
        yield return new TestCaseData(Letter("r") with { DealId = 71 }, QueuedLetterRefusals.UnknownDeal).SetArgDisplayNames("unknown deal");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Enqueue_Refused_AValueAndNothingWritten(QueuedLetter letter, string reason)
    {
        var cancellationToken = TestContext.CurrentContext.CancellationToken;
        await using var rig = await QueueRig.StartAsync(cancellationToken, RunnerOff);
        await rig.SeedContactAsync(1, 12, "Zoe", null, [("zoe@example.org", true)]);
        await rig.Services.GetRequiredService<SendLedgerStore>().SuppressAsync("Zoe@Example.org", "unsubscribed", "test", cancellationToken);

        var result = await rig.Services.GetRequiredService<ISendQueue>().EnqueueAsync(letter, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That((result.Refused, result.Created, result.LedgerRowId), Is.EqualTo(((string?)reason, false, (long?)null)), result.Detail);
            Assert.That(result.Detail, Is.Not.Empty);
            Assert.That(await rig.CountAsync("SELECT (SELECT COUNT(*) FROM send_ledger) + (SELECT COUNT(*) FROM send_keys) + (SELECT COUNT(*) FROM queued_letters)"), Is.Zero);
        });
    }
}
