using System.Diagnostics;
using System.Globalization;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Connector.Tests.Scenarios;

/// <summary>
/// <c>kill -9</c> in the middle of a scenario: <c>crm-esp serve</c> as a child process on a store file with a thousand
/// enrollments due to send their offer into Postfix's smtp-sink, SIGKILLed once part of the mail is out, started
/// again on the same file; afterwards every enrollment's send step has exactly one ledger row, no recipient got the
/// offer twice, and the rows in doubt (killed between the relay's 250 and the ledger's commit) are <c>unknown</c>,
/// never resent. The child is killed by its pid on teardown.
/// </summary>
[CancelAfter(300_000)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ScenarioCrashTests
{
    private const int Deals = 1000;

    private ServeChildren _serve = null!;

    private string StorePath => _serve.StorePath;

    [SetUp]
    public void SetUp() => _serve = new ServeChildren("crm-esp-crash-");

    [TearDown]
    public void TearDown() => _serve.Dispose();

    [Test]
    public async Task Serve_KilledMidScenario_RestartedOnTheSameFile_EachSendStepOneLedgerRow_NoRecipientMailedTwice(CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync();
        using var keys = new SendingRig();
        var ids = Enumerable.Range(1, Deals).Select(i => (long)i).ToList();
        await using (var rig = await ScenarioRig.StartAsync(new Dictionary<string, string?> { ["Store:Path"] = StorePath }))
        {
            // The rig's clock starts at its fixed T0; the child runs on the real clock, and max_lateness is measured on it.
            rig.Time.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(-2));
            await rig.AddContactsAsync(ids);
            await rig.MoveDealsAsync(ids, "NEW");
            await rig.ImportManifestAsync("proposal-follow-up.yaml");
            rig.Time.Advance(TimeSpan.FromMinutes(1));
            await rig.MoveDealsAsync(ids, "PREPARATION");
        }

        var first = Serve(sink, keys);
        await _serve.UntilAsync(() => Task.FromResult(Directory.GetFiles(sink.Folder, "m.*").Length >= Deals / 5), TimeSpan.FromSeconds(120), first, cancellationToken);
        first.Kill();
        await first.WaitForExitAsync(cancellationToken);
        var atKill = Directory.GetFiles(sink.Folder, "m.*").Length;

        var second = Serve(sink, keys);
        await _serve.UntilAsync(async () => await _serve.CountAsync("""
            SELECT (SELECT COUNT(*) FROM send_ledger WHERE send_key LIKE 'step:offer:%' AND state IN ('sent', 'unknown', 'failed', 'suppressed', 'expired'))
                 + (SELECT COUNT(*) FROM send_ledger WHERE state IN ('queued', 'sending', 'deferred')) * 1000000
            """, cancellationToken) == Deals, TimeSpan.FromSeconds(180), second, cancellationToken);
        second.Kill();
        await second.WaitForExitAsync(cancellationToken);

        var rows = await _serve.QueryAsync<(string SendKey, string State, long Contact)>("SELECT send_key, state, contact_id FROM send_ledger", cancellationToken);
        var enrollments = await _serve.QueryAsync<(long Id, string State, string? Step)>("SELECT id, state, step FROM scenario_enrollments", cancellationToken);
        var captured = (await sink.WaitForMessagesAsync(0)).Select(t => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(t))))
            .Select(m => m.To.Mailboxes.Single().Address).ToList();
        var sent = rows.Count(r => r.State == "sent");
        var unknown = rows.Count(r => r.State == "unknown");
        TestContext.Out.WriteLine($"at kill {atKill} captured; after restart {captured.Count} captured, ledger sent {sent}, unknown {unknown}");

        Assert.Multiple(() =>
        {
            Assert.That(atKill, Is.LessThan(Deals), "the kill came before all mail was out");
            Assert.That(enrollments, Has.Count.EqualTo(Deals), "every deal enrolled once");
            Assert.That(rows.Select(r => r.SendKey), Is.EquivalentTo(enrollments.Select(e => $"step:offer:enrollment:{e.Id}")), "each enrollment's send step: exactly one ledger row");
            Assert.That(rows.Select(r => r.State).Distinct(), Is.SubsetOf(new[] { "sent", "unknown" }), "every row settled: sent, or in doubt");
            Assert.That(captured.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "no recipient got the offer twice");
            Assert.That(captured.Count, Is.InRange(sent, sent + unknown), "delivered = sent + the in-doubt rows that had reached the relay");
            Assert.That(enrollments.Where(e => e.Step == "offer" && e.State == "active").Select(e => e.Id), Is.Empty, "no enrollment stuck on its send step");
        });
    }

    private Process Serve(SmtpSink sink, SendingRig keys)
    {
        string[] settings =
        [
            "--urls", $"http://127.0.0.1:{TestPorts.Free()}", $"--Store:Path={StorePath}", "--Sandbox:InstallApp=false", "--Sync:JobsEnabled=false",
            "--Smtp:Host=127.0.0.1", $"--Smtp:Port={sink.Port.ToString(CultureInfo.InvariantCulture)}", "--Smtp:Security=None",
            "--Sender:FromAddress=news@example.com", "--Sender:PostalAddress=1 Tverskaya st., Moscow", "--Dkim:Domain=example.com",
            $"--Dkim:KeyFolder={keys.KeyFolder}", "--Tracking:BaseUrl=https://t.example.com", "--Bounces:Domain=bounces.example.com",
            "--Sending:Validation:CheckMx=false", "--Sending:Runner:PollIntervalSeconds=1", "--Scenarios:IntervalSeconds=1", "--Scenarios:Lease=00:00:10",
            "--Scenarios:BatchSize=100", "--Timeline:Enabled=false", "--Webhooks:Enabled=false", "--Logging:LogLevel:Default=Warning",
        ];
        return _serve.Serve(settings);
    }
}
