using System.Globalization;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Queue;
using Connector.Tests.Api;
using Connector.Tests.Sending;
using Connector.Tests.Sending.Queue;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Connector.Tests.Campaigns.Broadcasts;

/// <summary>
/// A campaign variant's letter as serve's runner sends it into smtp-sink: its own subject (rendered with the contact's
/// data) and sender; a sender off the sending domain is never sent (the compose check, in case settings changed since create).
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class CampaignDeliveryTests
{
    [Test]
    public async Task VariantLetter_OwnSubjectAndSender_Sent_OffDomainSenderFails(CancellationToken cancellationToken)
    {
        using var keys = new SendingRig();
        await using var sink = await SmtpSink.StartAsync();
        await using var rig = await ApiRig.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture), ["Sending:Runner:PollIntervalSeconds"] = "1",
        }, keyFolder: keys.KeyFolder);
        await QueueRig.SeedAsync(rig);
        var queue = rig.Services.GetRequiredService<ISendQueue>();
        var letter = new QueuedLetter
        {
            PortalId = 1, SendKey = "scheduled-campaign:1", TemplateName = QueueRig.Template, ContactId = 7, Kind = MailKind.Campaign,
            Subject = "A/B: {{ contact.name }}, your order", FromAddress = "anna.shop@example.com", FromName = "Anna's shop",
        };

        var results = await queue.EnqueueManyAsync([letter, letter with { SendKey = "scheduled-campaign:2", FromAddress = "promo@elsewhere.test" }], cancellationToken);
        var captured = await sink.WaitForMessagesAsync(1);
        using var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(captured.Single())), cancellationToken);
        var ledger = rig.Services.GetRequiredService<SendLedgerStore>();
        LedgerRow off;
        while ((off = (await ledger.RowsAsync("scheduled-campaign:2", cancellationToken)).Single()).State is LedgerState.Queued or LedgerState.Sending)
        {
            await Task.Delay(50, cancellationToken);
        }

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Created), Is.EqualTo(new[] { true, true }));
            Assert.That(message.Subject, Is.EqualTo("A/B: Anna, your order"));
            Assert.That(message.From.Mailboxes.Single().ToString(), Is.EqualTo("\"Anna's shop\" <anna.shop@example.com>"));
            Assert.That(off.State, Is.EqualTo(LedgerState.Failed));
            Assert.That(off.Detail, Does.Contain("not on the sending domain"));
        });
    }
}
