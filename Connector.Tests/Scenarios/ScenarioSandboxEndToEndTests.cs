using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Connector.Tests.Scenarios;

/// <summary>
/// The shipped <c>manifests/scenarios/proposal-follow-up.yaml</c> end to end, driven by the built-in sandbox portal's
/// events: <c>crm-esp serve</c> as a child process with no CRM configured (it serves the sandbox, installs the app and
/// syncs) on a temp store file, relaying into Postfix's smtp-sink. The templates are saved and the shipped scenario
/// imported with the CLI, its two-day wait shortened by a string replace (a child process runs on the real clock, so no
/// fake clock can skip the wait); nothing else in the file changes. Two deals are moved to PREPARATION with
/// <c>crm-esp sandbox move-deal</c> (the sandbox posts ONCRMDEALUPDATE to <c>/b24/events</c>, the mirror records the
/// transition, the scenario enrolls): three offers arrive; the third deal is won during the wait (its enrollment exits);
/// the open pixel of the first offer is fetched as a browser would, after the machine window; past the wait only the
/// second deal gets the reminder; that deal is then won too, and nothing more arrives.
/// The child is killed by its pid on teardown.
/// </summary>
[CancelAfter(240_000)]
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ScenarioSandboxEndToEndTests
{
    private const int WaitSeconds = 15;
    private const int MachineWindowSeconds = 2;
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private ServeChildren _serve = null!;

    private string StorePath => _serve.StorePath;

    private static string Dll => ServeChildren.Dll;

    [SetUp]
    public void SetUp() => _serve = new ServeChildren("crm-esp-sandbox-e2e-");

    [TearDown]
    public void TearDown() => _serve.Dispose();

    [Test]
    public async Task ProposalFollowUp_SandboxEvents_OffersToAll_ReminderOnlyToTheUnopened_WonDealsGetNothingMore(CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync();
        using var keys = new SendingRig();
        var url = $"http://127.0.0.1:{TestPorts.Free()}";
        var serve = Serve(url, sink, keys);

        // The sandbox installs the app into the connector and the first sync mirrors its deals.
        await _serve.UntilAsync(async () => await _serve.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'deals'", cancellationToken) == 1
            && await _serve.CountAsync("SELECT COUNT(*) FROM deals", cancellationToken) > 0
            && await _serve.CountAsync("SELECT COUNT(*) FROM contact_emails", cancellationToken) > 0, TimeSpan.FromSeconds(120), serve, cancellationToken);
        var portal = (await _serve.QueryAsync<string>("SELECT portal_key FROM portals", cancellationToken)).Single();

        // Three open deals of the default pipeline, not in PREPARATION yet, whose first contacts (different ones) have a valid e-mail.
        var candidates = await _serve.QueryAsync<(long Deal, long Contact)>("""
            SELECT d.crm_id, dc.contact_id FROM deals d
            JOIN deal_contacts dc ON dc.portal_id = d.portal_id AND dc.deal_id = d.crm_id AND dc.position = 0
            JOIN contact_emails e ON e.portal_id = d.portal_id AND e.contact_id = dc.contact_id AND e.position = 0 AND e.is_valid = 1
            WHERE d.deleted = 0 AND d.pipeline_id = 0 AND d.stage_semantic = 'P' AND d.stage_id <> 'PREPARATION'
            ORDER BY d.crm_id
            """, cancellationToken);
        var deals = candidates.DistinctBy(c => c.Contact).Take(3).Select(c => c.Deal).ToArray();
        Assert.That(deals, Has.Length.EqualTo(3), "the sandbox seed has three open deals with a contact's e-mail");
        var (opened, unopened, won) = (deals[0], deals[1], deals[2]);
        TestContext.Out.WriteLine($"deals {opened} (opened), {unopened} (not opened), {won} (won during the wait) on portal {portal}");

        foreach (var template in new[] { "proposal", "proposal-reminder" })
        {
            await CliAsync(cancellationToken, "template", "save", "--template", Manifest("templates", template + ".yaml"));
        }

        var shipped = await File.ReadAllTextAsync(Manifest("scenarios", "proposal-follow-up.yaml"), cancellationToken);
        Assert.That(shipped, Does.Contain("for: 2d"), "the shipped scenario waits two days");
        var copy = Path.Combine(_serve.Folder, "proposal-follow-up.yaml");
        await File.WriteAllTextAsync(copy, shipped.Replace("for: 2d", $"for: {WaitSeconds}s", StringComparison.Ordinal), cancellationToken);
        await CliAsync(cancellationToken, "scenario", "import", copy, "--portal", portal);

        foreach (var deal in deals)
        {
            await CliAsync(cancellationToken, "sandbox", "move-deal", "--deal", deal.ToString(CultureInfo.InvariantCulture), "--stage", "PREPARATION", "--url", url);
        }

        // Every offer out: one ledger row each, sent, and one message each at smtp-sink.
        await _serve.UntilAsync(async () => await _serve.CountAsync("SELECT COUNT(*) FROM send_ledger WHERE send_key LIKE 'step:offer:%' AND state = 'sent'", cancellationToken) == 3
            && Captured(sink).Count == 3, TimeSpan.FromSeconds(60), serve, cancellationToken);
        var offers = await OffersAsync(cancellationToken);
        Assert.That(offers.Keys, Is.EquivalentTo(deals), "each moved deal enrolled and was sent its offer");
        var offerMail = Captured(sink);
        Assert.That(offerMail.Select(m => m.To.Mailboxes.Single().Address), Is.EquivalentTo(offers.Values.Select(o => o.Recipient)), "every offer at smtp-sink");

        // The third deal is won while its enrollment waits: the sandbox's event updates the mirror, and the exit rule ends it.
        await CliAsync(cancellationToken, "sandbox", "move-deal", "--deal", won.ToString(CultureInfo.InvariantCulture), "--stage", "WON", "--url", url);
        await _serve.UntilAsync(async () => await _serve.CountAsync("SELECT COUNT(*) FROM deals WHERE crm_id = @Deal AND stage_id = 'WON'", cancellationToken, new { Deal = won }) == 1,
            TimeSpan.FromSeconds(30), serve, cancellationToken);

        // A person opens the first deal's offer, after the machine window: the pixel of its HTML part, as a browser fetches it.
        var pixel = PixelUrl(offerMail.Single(m => m.To.Mailboxes.Single().Address == offers[opened].Recipient), url);
        await Task.Delay(TimeSpan.FromSeconds(MachineWindowSeconds + 1), cancellationToken);
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pixel);
            request.Headers.UserAgent.ParseAdd(Browser);
            using var response = await http.SendAsync(request, cancellationToken);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the pixel answers");
        }

        await _serve.UntilAsync(async () => await _serve.CountAsync("SELECT COUNT(*) FROM engagement_hits WHERE ledger_id = @Id AND kind = 'open' AND machine = 0", cancellationToken, new { Id = offers[opened].LedgerId }) == 1,
            TimeSpan.FromSeconds(20), serve, cancellationToken);

        // Past the wait: the reminder for the unopened deal only; the opened deal's enrollment done, the won deal's exited.
        await _serve.UntilAsync(async () => Captured(sink).Count >= 4
            && await _serve.CountAsync("SELECT COUNT(*) FROM scenario_enrollments WHERE deal_id IN (@Opened, @Won) AND state <> 'active'", cancellationToken, new { Opened = opened, Won = won }) == 2,
            TimeSpan.FromSeconds(WaitSeconds + 60), serve, cancellationToken);
        var offerIds = offerMail.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var reminder = Captured(sink).Where(m => !offerIds.Contains(m.MessageId)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reminder.Select(m => m.To.Mailboxes.Single().Address), Is.EqualTo(new[] { offers[unopened].Recipient }), "the reminder goes to the unopened deal's contact only");
            Assert.That(reminder.Single().Subject, Is.Not.AnyOf(offerMail.Select(m => m.Subject).ToArray()), "it is the reminder, not the offer again");
        });

        // The unopened deal is won: nothing more for anyone within a bounded window, and its enrollment is not active.
        await CliAsync(cancellationToken, "sandbox", "move-deal", "--deal", unopened.ToString(CultureInfo.InvariantCulture), "--stage", "WON", "--url", url);
        await _serve.UntilAsync(async () => await _serve.CountAsync("SELECT COUNT(*) FROM deals WHERE crm_id = @Deal AND stage_id = 'WON'", cancellationToken, new { Deal = unopened }) == 1,
            TimeSpan.FromSeconds(30), serve, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var enrollments = await _serve.QueryAsync<(long Deal, string State, string? Reason)>("SELECT deal_id, state, exit_reason FROM scenario_enrollments ORDER BY deal_id", cancellationToken);
        var ledger = await _serve.QueryAsync<(string SendKey, string State)>("SELECT send_key, state FROM send_ledger", cancellationToken);
        TestContext.Out.WriteLine(string.Join("; ", enrollments.Select(e => $"deal {e.Deal}: {e.State} {e.Reason}")));
        Assert.Multiple(() =>
        {
            Assert.That(Captured(sink), Has.Count.EqualTo(4), "nothing more arrives after the deal is won");
            Assert.That(ledger, Has.Count.EqualTo(4), "four sends in all: three offers, one reminder");
            Assert.That(ledger.Select(l => l.State), Has.All.EqualTo("sent"));
            Assert.That(enrollments.Select(e => e.Deal), Is.EquivalentTo(deals), "one enrollment per moved deal");
            Assert.That(enrollments.Single(e => e.Deal == won), Is.EqualTo((won, "exited", (string?)"won")), "the deal won during the wait left there");
            Assert.That(enrollments.Where(e => e.Deal != won).Select(e => e.State), Has.All.EqualTo("completed"), "the others ran to the scenario's end");
        });
    }

    private async Task<Dictionary<long, (long LedgerId, string Recipient)>> OffersAsync(CancellationToken cancellationToken) =>
        (await _serve.QueryAsync<(long Deal, long LedgerId, string Recipient)>("""
            SELECT e.deal_id, l.id, l.recipient FROM scenario_enrollments e JOIN send_ledger l ON l.send_key = 'step:offer:enrollment:' || e.id
            """, cancellationToken)).ToDictionary(o => o.Deal, o => (o.LedgerId, o.Recipient));

    private static Uri PixelUrl(MimeMessage message, string serveUrl)
    {
        var match = PixelPattern().Match(message.HtmlBody ?? "");
        Assert.That(match.Success, Is.True, "the offer's HTML part carries an open pixel");
        var pixel = new Uri(WebUtility.HtmlDecode(match.Groups["url"].Value));
        Assert.That(pixel.GetLeftPart(UriPartial.Authority), Is.EqualTo(serveUrl), "the pixel points at the serve's Tracking:BaseUrl");
        return pixel;
    }

    [GeneratedRegex("src=\"(?<url>[^\"]*/t/o/[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex PixelPattern();

    private static IReadOnlyList<MimeMessage> Captured(SmtpSink sink) =>
        [.. Directory.GetFiles(sink.Folder, "m.*").Select(f => MimeMessage.Load(new MemoryStream(File.ReadAllBytes(f))))];

    private static string Manifest(string kind, string file)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "manifests", kind, file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"manifests/{kind}/{file} not found above {AppContext.BaseDirectory}");
    }

    private Process Serve(string url, SmtpSink sink, SendingRig keys)
    {
        string[] settings =
        [
            "--urls", url, $"--Store:Path={StorePath}", "--Smtp:Host=127.0.0.1", $"--Smtp:Port={sink.Port.ToString(CultureInfo.InvariantCulture)}",
            "--Smtp:Security=None", "--Sender:FromAddress=news@example.com", "--Sender:PostalAddress=1 Tverskaya st., Moscow", "--Dkim:Domain=example.com",
            $"--Dkim:KeyFolder={keys.KeyFolder}", $"--Tracking:BaseUrl={url}", $"--Tracking:MachineWindowSeconds={MachineWindowSeconds.ToString(CultureInfo.InvariantCulture)}",
            "--Bounces:Domain=bounces.example.com", "--Sending:Validation:CheckMx=false", "--Sending:Runner:PollIntervalSeconds=1", "--Scenarios:IntervalSeconds=1",
            "--Timeline:Enabled=false", "--Webhooks:Enabled=false", "--Logging:LogLevel:Default=Warning",
        ];
        return _serve.Serve(settings);
    }

    /// <summary>The built crm-esp.dll as a child process on the same store; fails the test with its output unless it exits 0.</summary>
    private async Task CliAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = _serve.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Dll }.Concat(args).Append($"--Store:Path={StorePath}"))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        _serve.Adopt(process);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        _serve.Release(process);
        Assert.That(process.ExitCode, Is.EqualTo(0), $"crm-esp {string.Join(' ', args)}:\n{await output}\n{await error}");
    }
}
