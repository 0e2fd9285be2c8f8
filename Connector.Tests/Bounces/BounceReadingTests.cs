using Connector.Bounces;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Bounces;

/// <summary>Reading and recording mailbox messages from real samples (Fixtures/, each citing its source in its first header).</summary>
[CancelAfter(30_000)]
public sealed class BounceReadingTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-03T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public async Task ReadAsync_Rfc5965ComplaintWithVerpOriginalMailFrom_ComplaintSuppressesTheLedgerRecipient()
    {
        using var rig = new BounceRig(_time);
        var ct = TestContext.CurrentContext.CancellationToken;
        var id = (await rig.RowsAsync("campaign:1", "anna@example.org"))[0];
        var message = BounceRig.Parse(BounceRig.Fixture("arf-rfc5965.eml", rig.Verp(id), "redacted@example.org", "1"));

        var reading = await rig.Reader.ReadAsync(message, ct);
        var result = await rig.Recorder.RecordAsync(reading.Notices[0], "imap", "mid:1", ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(reading.Kind, Is.EqualTo(BounceReadingKind.Bounces));
            Assert.That(reading.Notices.Single(), Is.EqualTo(new BounceNotice(BounceKind.Complaint, "anna@example.org", null, "feedback-type=abuse; user-agent=SomeGenerator/1.0", id)));
            Assert.That(result, Is.EqualTo(new BounceRecordResult(true, true)));
            Assert.That((await rig.Ledger.SuppressionEntryAsync("anna@example.org", TestContext.CurrentContext.CancellationToken))?.Reason, Is.EqualTo("complaint"));
        });
    }

    [Test]
    public async Task ReadAsync_Rfc5965ComplaintWithoutAnyToken_RecordedUnmatchedAndSuppressesNobody()
    {
        using var rig = new BounceRig(_time);
        var ct = TestContext.CurrentContext.CancellationToken;
        var message = BounceRig.Parse(BounceRig.Fixture("arf-rfc5965.eml", "somespammer@example.net", "user@example.com", "2"));

        var reading = await rig.Reader.ReadAsync(message, ct);
        var result = await rig.Recorder.RecordAsync(reading.Notices[0], "imap", "mid:2", ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(reading.Notices.Single().LedgerId, Is.Null);
            Assert.That(reading.Notices.Single().Recipient, Is.EqualTo("user@example.com"));
            Assert.That(result, Is.EqualTo(new BounceRecordResult(true, false)));
            Assert.That(await rig.Ledger.SuppressionEntryAsync("user@example.com", TestContext.CurrentContext.CancellationToken), Is.Null);
        });
    }

    [Test]
    public async Task ReadAsync_PigeonholeVacationReply_AutoReply()
    {
        using var rig = new BounceRig(_time);
        var id = (await rig.RowsAsync("campaign:1", "anna@example.org"))[0];
        var reading = await rig.Reader.ReadAsync(BounceRig.Parse(BounceRig.Fixture("autoreply-vacation.eml", rig.Verp(id), "anna@example.org", "3")), TestContext.CurrentContext.CancellationToken);
        Assert.That(reading.Kind, Is.EqualTo(BounceReadingKind.AutoReply));
    }

    [TestCase("X-Autoreply: yes")]
    [TestCase("Precedence: auto_reply")]
    [TestCase("Auto-Submitted: auto-generated")]
    [TestCase("Subject: Out of Office: away")]
    public void IsAutoReply_OtherMarkers_True(string header)
    {
        var message = BounceRig.Parse($"From: a@example.org\r\nTo: b@example.com\r\n{header}\r\n\r\nbody\r\n");
        Assert.That(AutoReplyDetector.IsAutoReply(message), Is.True);
    }

    [Test]
    public void IsAutoReply_AutoSubmittedNo_False()
    {
        var message = BounceRig.Parse("From: a@example.org\r\nTo: b@example.com\r\nAuto-Submitted: no\r\nSubject: hello\r\n\r\nbody\r\n");
        Assert.That(AutoReplyDetector.IsAutoReply(message), Is.False);
    }

    [Test]
    public async Task ReadAsync_EximDsnWithVerpDeliveredTo_SoftBy500AndMatched()
    {
        using var rig = new BounceRig(_time);
        var id = (await rig.RowsAsync("campaign:1", "source@domain.com"))[0];
        var reading = await rig.Reader.ReadAsync(BounceRig.Parse(BounceRig.Fixture("dsn-exim-unknown-user.eml", rig.Verp(id), "source@domain.com", "4")), TestContext.CurrentContext.CancellationToken);
        Assert.That(reading.Notices.Single(), Is.EqualTo(new BounceNotice(BounceKind.Soft, "source@domain.com", "5.0.0", null, id)));
    }

    [Test]
    public async Task ReadAsync_TamperedVerpToken_UnknownTokenAndUnmatched()
    {
        using var rig = new BounceRig(_time);
        var id = (await rig.RowsAsync("campaign:1", "source@domain.com"))[0];
        var verp = rig.Verp(id);
        var tampered = verp[..10] + (verp[10] == 'a' ? 'b' : 'a') + verp[11..];
        var reading = await rig.Reader.ReadAsync(BounceRig.Parse(BounceRig.Fixture("dsn-exim-unknown-user.eml", tampered, "source@domain.com", "5")), TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(reading.UnknownTokens, Has.Count.EqualTo(1));
            Assert.That(reading.Notices.Single().LedgerId, Is.Null);
        });
    }

    [Test]
    public async Task ReadAsync_EnvelopeIdOnly_MatchedOnlyWhenTheRowNamesTheRecipient()
    {
        using var rig = new BounceRig(_time);
        var id = (await rig.RowsAsync("campaign:1", "ghost@example.org"))[0];
        string Dsn(string recipient) => $"From: MAILER-DAEMON@mx.example\r\nMessage-ID: <e{recipient}@mx>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
            + $"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\nOriginal-Envelope-Id: {id}\r\n\r\n"
            + $"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 no such user\r\n\r\n--b--\r\n";

        var right = await rig.Reader.ReadAsync(BounceRig.Parse(Dsn("ghost@example.org")), TestContext.CurrentContext.CancellationToken);
        var wrong = await rig.Reader.ReadAsync(BounceRig.Parse(Dsn("victim@example.org")), TestContext.CurrentContext.CancellationToken);

        Assert.That((right.Notices.Single().LedgerId, wrong.Notices.Single().LedgerId), Is.EqualTo(((long?)id, (long?)null)));
    }

    [Test]
    public async Task ReadAsync_DsnWithoutDeliveryStatusPart_Malformed()
    {
        using var rig = new BounceRig(_time);
        var reading = await rig.Reader.ReadAsync(BounceRig.Parse(BounceRig.Fixture("dsn-malformed.eml", "x@example.org", "y@example.org", "6")), TestContext.CurrentContext.CancellationToken);
        Assert.That(reading.Kind, Is.EqualTo(BounceReadingKind.Malformed));
    }

    [Test]
    public async Task RecordAsync_SameSourceIdTwice_OneRow()
    {
        using var rig = new BounceRig(_time);
        var ct = TestContext.CurrentContext.CancellationToken;
        var id = (await rig.RowsAsync("campaign:1", "ghost@example.org"))[0];
        var notice = new BounceNotice(BounceKind.Hard, "ghost@example.org", "5.1.1", null, id);

        var first = await rig.Recorder.RecordAsync(notice, "imap", "mid:<x@y>", ct);
        var second = await rig.Recorder.RecordAsync(notice, "pop3", "mid:<x@y>", ct);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((first.Recorded, second.Recorded), Is.EqualTo((true, false)));
            Assert.That(await rig.BounceEventsAsync(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task RecordAsync_SoftBouncesInARow_SuppressedAtTheLimitAndNotBefore()
    {
        using var rig = new BounceRig(_time, new BounceIntakeOptions { SoftBounceLimit = 3 });
        var ct = TestContext.CurrentContext.CancellationToken;
        var suppressed = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await rig.RowsAsync($"campaign:{i}", "full@example.org"))[0];
            suppressed.Add((await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Soft, "full@example.org", "4.2.2", null, id), "imap", $"mid:{i}", ct)).Suppressed);
            _time.Advance(TimeSpan.FromDays(1));
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(suppressed, Is.EqualTo(new[] { false, false, true }));
            var entry = await rig.Ledger.SuppressionEntryAsync("full@example.org", TestContext.CurrentContext.CancellationToken);
            Assert.That(entry?.Source, Does.Contain("3 soft bounces in a row"));
            Assert.That(entry?.Reason, Is.EqualTo("soft_bounces"));
        });
    }

    [Test]
    public async Task RecordAsync_SoftBouncesWithAnOpenBetween_TheStreakStartsAgain()
    {
        using var rig = new BounceRig(_time, new BounceIntakeOptions { SoftBounceLimit = 2 });
        var ct = TestContext.CurrentContext.CancellationToken;
        var first = (await rig.RowsAsync("campaign:1", "full@example.org"))[0];
        await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Soft, "full@example.org", "4.2.2", null, first), "imap", "mid:1", ct);
        _time.Advance(TimeSpan.FromHours(1));
        var opened = (await rig.RowsAsync("campaign:2", "full@example.org"))[0];
        await using (var connection = await rig.Store.Connections.OpenAsync(ct))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO engagement_hits (ledger_id, contact_id, kind, at, machine) VALUES (@Id, 100, 'open', @At, 0)",
                new { Id = opened, At = Connector.Store.UtcText.From(_time.GetUtcNow()) });
        }

        _time.Advance(TimeSpan.FromHours(1));
        var third = (await rig.RowsAsync("campaign:3", "full@example.org"))[0];
        var result = await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Soft, "full@example.org", "4.2.2", null, third), "imap", "mid:3", ct);

        Assert.That(result.Suppressed, Is.False, "an open after the first soft bounce proves delivery: one in a row, not two");
    }

    [Test]
    public async Task RecordAsync_PolicyBlock_NeverSuppresses()
    {
        using var rig = new BounceRig(_time, new BounceIntakeOptions { SoftBounceLimit = 1 });
        var id = (await rig.RowsAsync("campaign:1", "anna@example.org"))[0];
        var result = await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Policy, "anna@example.org", "5.7.1", null, id), "imap", "mid:p", TestContext.CurrentContext.CancellationToken);
        Assert.That(result, Is.EqualTo(new BounceRecordResult(true, false)));
    }
}
