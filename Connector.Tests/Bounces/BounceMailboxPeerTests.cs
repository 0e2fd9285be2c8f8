using Connector.Bounces;
using Connector.Sending.Composing;
using Connector.Sending.Smtp;
using Connector.Tests.Sending;
using MailKit;
using MailKit.Net.Imap;

namespace Connector.Tests.Bounces;

/// <summary>
/// The bounce loop against real peers (<see cref="BounceMailPeers"/>): the connector sends through a private Postfix
/// with its VERP return path and ENVID; Postfix relays to smtp-sinks that reject with 550 5.1.1 and 452 4.2.2, writes
/// the DSNs itself and delivers them into Dovecot's Maildir; the connector fetches them over IMAP and over POP3.
/// </summary>
[Category("Peers")]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class BounceMailboxPeerTests
{
    private BounceMailPeers _peers = null!;

    [OneTimeSetUp]
    public async Task StartPeers() => _peers = await BounceMailPeers.StartAsync();

    [OneTimeTearDown]
    public async Task StopPeers() => await _peers.DisposeAsync();

    [Test]
    public async Task FetchAsync_ImapDsnsFromPostfix_HardSuppressedSoftNotMalformedMovedToFailed()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new BounceRig(TimeProvider.System);
        var ids = await SendThroughPostfixAsync(rig, "campaign:imap", "bounces.example.com", "ghost@hardbounce.test", "full@softbounce.test");
        await _peers.WaitForMessagesAsync("imapbox", 2, ct);
        await _peers.DeliverAsync("imapbox", BounceRig.Fixture("dsn-malformed.eml", rig.Verp(ids[0]), "ghost@hardbounce.test", "imap"), "malformed");
        await _peers.DeliverAsync("imapbox", BounceRig.Fixture("autoreply-vacation.eml", rig.Verp(ids[1]), "full@softbounce.test", "imap"), "vacation");
        var options = new BounceIntakeOptions { Imap = Mailbox("imapbox") };

        var first = await rig.Fetcher(options).FetchAsync(ct);
        var again = await rig.Fetcher(options).FetchAsync(ct);

        var events = await rig.BounceEventsAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(first.Problems, Is.Empty);
            Assert.That((first.Messages, first.Hard, first.Soft, first.Malformed, first.AutoReplies, first.Suppressed), Is.EqualTo((4, 1, 1, 1, 1, 1)), _peers.Log);
            Assert.That(events, Is.EquivalentTo(new[]
            {
                ((long?)ids[0], "ghost@hardbounce.test", "hard", (string?)"5.1.1", "imap"),
                ((long?)ids[1], "full@softbounce.test", "soft", (string?)"4.2.2", "imap"),
            }));
            Assert.That((await rig.Ledger.SuppressionEntryAsync("ghost@hardbounce.test", ct))?.Reason, Is.EqualTo("hard_bounce"));
            Assert.That(await rig.Ledger.SuppressionEntryAsync("full@softbounce.test", ct), Is.Null);
            Assert.That(again.Messages, Is.Zero, "processed messages left the folder");
            Assert.That(await CountAsync("imapbox", "INBOX"), Is.Zero);
            Assert.That(await CountAsync("imapbox", "failed"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task FetchAsync_Pop3DsnsFromPostfix_HardSuppressedSoftNotMalformedKeptOnce()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new BounceRig(TimeProvider.System);
        var ids = await SendThroughPostfixAsync(rig, "campaign:pop", "pop.example.com", "nobody@hardbounce.test", "busy@softbounce.test");
        await _peers.WaitForMessagesAsync("popbox", 2, ct);
        await _peers.DeliverAsync("popbox", BounceRig.Fixture("dsn-malformed.eml", rig.Verp(ids[0], "pop.example.com"), "nobody@hardbounce.test", "pop"), "malformed");
        var options = new BounceIntakeOptions { Pop3 = Mailbox("popbox") };

        var first = await rig.Fetcher(options).FetchAsync(ct);
        var again = await rig.Fetcher(options).FetchAsync(ct);

        var events = await rig.BounceEventsAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(first.Problems, Is.Empty);
            Assert.That((first.Messages, first.Hard, first.Soft, first.Malformed, first.Suppressed), Is.EqualTo((3, 1, 1, 1, 1)), _peers.Log);
            Assert.That(events.Select(e => (e.LedgerId, e.Kind, e.Status, e.Source)), Is.EquivalentTo(new[]
            {
                ((long?)ids[0], "hard", (string?)"5.1.1", "pop3"),
                ((long?)ids[1], "soft", (string?)"4.2.2", "pop3"),
            }));
            Assert.That((await rig.Ledger.SuppressionEntryAsync("nobody@hardbounce.test", ct))?.Reason, Is.EqualTo("hard_bounce"));
            Assert.That(await rig.Ledger.SuppressionEntryAsync("busy@softbounce.test", ct), Is.Null);
            Assert.That((again.Messages, again.KeptSkipped, again.Malformed), Is.EqualTo((0, 1, 0)), "the kept message is counted once, then skipped");
        });
    }

    // The verb over the real composition: one JSON object; a vacation reply ignored, a malformed DSN moved to failed.
    [Test]
    public async Task BouncesFetchJson_ImapMailbox_OneSummaryObject()
    {
        var folder = Directory.CreateTempSubdirectory("bounces-cli-").FullName;
        try
        {
            await _peers.DeliverAsync("clibox", BounceRig.Fixture("autoreply-vacation.eml", "bounce+nothing@bounces.example.com", "a@example.org", "cli"), "vacation");
            await _peers.DeliverAsync("clibox", BounceRig.Fixture("dsn-malformed.eml", "bounce+nothing@bounces.example.com", "a@example.org", "cli"), "malformed");

            var (code, output, error) = await Connector.Tests.Cli.CliRun.RunAsync(folder, "bounces", "fetch", "--json", "--Bounces:Imap:Host=127.0.0.1",
                $"--Bounces:Imap:Port={_peers.ImapPort}", "--Bounces:Imap:Security=None", "--Bounces:Imap:User=clibox", $"--Bounces:Imap:Password={BounceMailPeers.Password}");

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, error);
                Assert.That(output.Trim(), Does.StartWith("""{"messages":2,"hard":0,"soft":0,"policy":0,"complaints":0,"duplicates":0,"suppressed":0,"auto_replies":1,"not_bounces":0,"malformed":1,"""));
                Assert.That(output + error, Does.Not.Contain(BounceMailPeers.Password));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private BounceMailboxOptions Mailbox(string user) => new()
    {
        Host = "127.0.0.1", Port = user == "popbox" ? _peers.Pop3Port : _peers.ImapPort, Security = MailboxSecurity.None, User = user, Password = BounceMailPeers.Password,
    };

    private async Task<long[]> SendThroughPostfixAsync(BounceRig rig, string sendKey, string verpDomain, params string[] recipients)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var ids = await rig.RowsAsync(sendKey, recipients);
        var composer = new MessageComposer(rig.Sending.Settings with { BouncesDomain = verpDomain }, rig.Sending.Tokens, rig.Sending.Keys, TimeProvider.System);
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = _peers.SmtpPort, Security = SmtpSecurity.None }, TimeProvider.System);
        for (var i = 0; i < recipients.Length; i++)
        {
            var context = SendingRig.Campaign with { SendId = ids[i] };
            var message = composer.Compose(SendingRig.SampleLetter, new LetterRecipient(100 + i, recipients[i], null), context).Message!;
            var result = await transport.SendAsync(message, ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
        }

        return ids;
    }

    private async Task<int> CountAsync(string user, string folder)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", _peers.ImapPort, MailKit.Security.SecureSocketOptions.None, ct);
        await client.AuthenticateAsync(user, BounceMailPeers.Password, ct);
        var box = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder, ct);
        await box.OpenAsync(FolderAccess.ReadOnly, ct);
        var count = box.Count;
        await client.DisconnectAsync(true, ct);
        return count;
    }
}
