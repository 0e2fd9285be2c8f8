using System.Globalization;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Queue;
using Connector.Tests.Api;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Connector.Tests.Sending.Queue;

/// <summary>
/// A letter queued by one serve process renders and is sent by the next one on the same store file (a new service
/// provider: nothing in memory survives), and serve's runner leaves a campaign row (no stored letter) alone.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class StoredLetterSourceTests
{
    [Test]
    public async Task StoredLetter_AfterARestart_RendersFromTheStoreAndIsSent_CampaignRowUntouched(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("crm-esp-restart-").FullName;
        using var keys = new SendingRig();
        try
        {
            QueuedLetterResult queued;
            await using (var before = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = "false" }, folder, keys.KeyFolder))
            {
                await QueueRig.SeedAsync(before);
                queued = await before.Services.GetRequiredService<ISendQueue>().EnqueueAsync(new QueuedLetter
                {
                    PortalId = 1, SendKey = "api:restart:1", TemplateName = QueueRig.Template, TemplateVersion = 1, ContactId = 7, DealId = 70,
                    Variables = new Dictionary<string, string?> { ["order_id"] = "R-77", ["tracking"] = "after a restart" },
                }, cancellationToken);
                await before.Services.GetRequiredService<SendLedgerStore>().EnqueueAsync("campaign:in-a-cli-run", [("cy@example.net", 0L)], DateTimeOffset.UtcNow, null, cancellationToken);
            }

            SqliteConnection.ClearAllPools();
            await using var sink = await SmtpSink.StartAsync();
            await using var after = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?>
            {
                ["Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture), ["Sending:Runner:PollIntervalSeconds"] = "1",
            }, folder, keys.KeyFolder);
            var ledger = after.Services.GetRequiredService<SendLedgerStore>();
            var row = (await ledger.RowsAsync("api:restart:1", cancellationToken)).Single();
            var prepared = await after.Services.GetRequiredService<StoredLetterSource>().PrepareAsync(row, cancellationToken);
            var captured = await sink.WaitForMessagesAsync(1);
            using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(captured.Single())), cancellationToken);
            while ((await ledger.RowsAsync("api:restart:1", cancellationToken)).Single().State != LedgerState.Sent)
            {
                await Task.Delay(50, cancellationToken);
            }

            var campaign = (await ledger.RowsAsync("campaign:in-a-cli-run", cancellationToken)).Single();
            Assert.Multiple(() =>
            {
                Assert.That(queued.Created, Is.True);
                Assert.That(prepared, Is.Not.Null);
                Assert.That(prepared!.Value.Letter.Subject, Is.EqualTo("Order R-77 shipped"), "version 1, as recorded at enqueue");
                Assert.That(prepared.Value.Letter.Html, Does.Contain("Hello Anna, order R-77 (Winter boots) is on its way: after a restart."));
                Assert.That(prepared.Value.Letter.Html, Does.Contain("/t/u/"), "the unsubscribe link is the row's signed one");
                Assert.That((prepared.Value.Context.Kind, prepared.Value.Context.ListName, prepared.Value.Context.SendId), Is.EqualTo((MailKind.Transactional, QueueRig.Template, row.Id)));
                Assert.That(message.Subject, Is.EqualTo("Order R-77 shipped"));
                Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("anna@example.org"));
                Assert.That(captured, Has.Count.EqualTo(1), "only the stored letter; the campaign row is not serve's to send");
                Assert.That((campaign.State, campaign.Owner, campaign.Attempts), Is.EqualTo((LedgerState.Queued, (string?)null, 0L)));
                Assert.That(after.ErrorsWithExceptions, Is.Empty);
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task StoredLetter_UnreadableOrContactGone_NoLetterAndTheReasonForTheRow(CancellationToken cancellationToken)
    {
        await using var rig = await QueueRig.StartAsync(cancellationToken, new Dictionary<string, string?> { ["Sending:Runner:Enabled"] = "false" });
        var queue = rig.Services.GetRequiredService<ISendQueue>();
        var first = await queue.EnqueueAsync(new QueuedLetter { PortalId = 1, SendKey = "api:broken:1", TemplateName = QueueRig.Template, ContactId = 7 }, cancellationToken);
        var second = await queue.EnqueueAsync(new QueuedLetter { PortalId = 1, SendKey = "api:gone:1", TemplateName = QueueRig.Template, ContactId = 7 }, cancellationToken);
        await rig.ExecuteAsync("UPDATE queued_letters SET variables = '{' WHERE ledger_id = @Id", new { Id = first.LedgerRowId });
        var ledger = rig.Services.GetRequiredService<SendLedgerStore>();
        var source = rig.Services.GetRequiredService<StoredLetterSource>();

        var broken = (await ledger.RowsAsync("api:broken:1", cancellationToken)).Single();
        var brokenLetter = await source.PrepareAsync(broken, cancellationToken);
        await rig.ExecuteAsync("UPDATE contacts SET deleted = 1 WHERE crm_id = 7");
        var gone = (await ledger.RowsAsync("api:gone:1", cancellationToken)).Single();
        var goneLetter = await source.PrepareAsync(gone, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(second.Created, Is.True);
            Assert.That(brokenLetter, Is.Null);
            Assert.That(source.ProblemWith(broken), Does.StartWith("the stored letter does not read"));
            Assert.That(goneLetter, Is.Null);
            Assert.That(source.ProblemWith(gone), Is.EqualTo("contact 7 is no longer in the mirror"));
        });
    }
}
