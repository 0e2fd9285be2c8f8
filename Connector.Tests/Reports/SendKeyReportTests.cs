using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Bounces;
using Connector.Reports;
using Connector.Store;
using Connector.Tests.Tracking;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Connector.Tests.Reports;

/// <summary>
/// <c>crm-esp report</c> on real data: a campaign goes through <c>send-campaign</c> into smtp-sink, the captured
/// messages' pixels, links and one-click URLs are fetched from the real tracking endpoints (a browser and Gmail's image
/// proxy), bounces and a complaint are recorded through <see cref="BounceEventStore"/>, one row is failed with a 5xx at
/// SMTP time; then every figure, the by-domain split, human against raw, CTOR and the contact/deal listings are checked.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[NonParallelizable]
public sealed class SendKeyReportTests
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private const string Gmail = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
    private const string Key = "campaign:report";

    [Test]
    [CancelAfter(120_000)]
    public async Task Report_CampaignWithHitsAndBounces_EveryFigureInAllAndByDomain(CancellationToken cancellationToken)
    {
        await using var rig = await SeedAsync(cancellationToken);

        var report = await new ReportQueries(rig.Services.GetRequiredService<SqliteConnectionFactory>()).SendKeyAsync(Key, cancellationToken);
        var (code, output, error) = await ReportCli.RunAsync(rig.StorePath, "report", "--key", Key, "--json");
        var (textCode, text, _) = await ReportCli.RunAsync(rig.StorePath, "report", "--key", Key);

        var net = new ReportFigures
        {
            Domain = "example.net", Messages = 4, Sent = 3, Delivered = 0, BouncedHard = 2, BouncedSoft = 1, BouncedPolicy = 1, Complaints = 1,
            HumanOpeners = 1, HumanReaders = 1, Openers = 1, HumanOpens = 1, Opens = 1,
        };
        var org = new ReportFigures
        {
            Domain = "example.org", Messages = 2, Sent = 2, Delivered = 2, Unsubscribes = 1, HumanOpeners = 1, HumanReaders = 1, Openers = 2, HumanOpens = 2, Opens = 4,
            HumanClickers = 1, Clickers = 1, HumanClicks = 2, Clicks = 3,
        };
        var json = JsonNode.Parse(output)!;
        Assert.Multiple(() =>
        {
            Assert.That(report!.ByDomain, Is.EqualTo(new[] { net, org }));
            Assert.That(report.Totals, Is.EqualTo(ReportFigures.Sum([net, org])));
            Assert.That((report.Totals.Messages, report.Totals.Sent, report.Totals.Delivered, report.Totals.Bounced), Is.EqualTo((6, 5, 2, 4)));
            Assert.That((report.Totals.HumanOpeners, report.Totals.Openers, report.Totals.HumanOpens, report.Totals.Opens), Is.EqualTo((2, 3, 3, 5)));
            Assert.That(report.Totals.ClickToOpen, Is.EqualTo(0.5));
            Assert.That((net.ClickToOpen, org.ClickToOpen), Is.EqualTo((0.0, 1.0)));
            Assert.That(report.Key, Is.EqualTo(new ReportSendKey { SendKey = Key, Name = "november-sale", Kind = "Campaign" }));

            Assert.That(code, Is.Zero, error);
            Assert.That(json["send_key"]!.GetValue<string>(), Is.EqualTo(Key));
            Assert.That(json["totals"]!.ToJsonString(), Is.EqualTo(
                """{"messages":6,"sent":5,"delivered":2,"bounced":{"hard":2,"soft":1,"policy":1},"complaints":1,"unsubscribes":1,"opens":{"human":{"unique":2,"total":3},"raw":{"unique":3,"total":5}},"clicks":{"human":{"unique":1,"total":2},"raw":{"unique":1,"total":3}},"human_readers":2,"ctor":0.5}"""));
            Assert.That(json["by_domain"]!.AsArray().Select(d => (d!["domain"]!.GetValue<string>(), d["delivered"]!.GetValue<long>(), d["ctor"]!.GetValue<double>())),
                Is.EqualTo(new[] { ("example.net", 0L, 0.0), ("example.org", 2L, 1.0) }));

            Assert.That(textCode, Is.Zero);
            Assert.That(text, Does.StartWith("campaign:report: november-sale (Campaign)"));
            Assert.That(text, Does.Match(@"figure\s*│\s*all\s*│\s*example\.net\s*│\s*example\.org"));
            Assert.That(text, Does.Match(@"delivered\s*│\s*2\s*│\s*0\s*│\s*2\s*│"));
            Assert.That(text, Does.Match(@"opens raw total\s*│\s*5\s*│\s*1\s*│\s*4\s*│"));
            Assert.That(text, Does.Match(@"CTOR \(human\)\s*│\s*50\.0%\s*│\s*0\.0%\s*│\s*100\.0%\s*│"));
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Report_ContactAndDeal_ListTheirMessagesWithEngagement(CancellationToken cancellationToken)
    {
        await using var rig = await SeedAsync(cancellationToken);
        // The campaign went to a recipients file: give its key a portal and a deal, and its rows contacts, as a send to CRM contacts records them.
        await rig.CountAsync("""
            INSERT INTO portals (id, portal_key, domain, auth_mode, created_at, updated_at) VALUES (7, 'crm.example#1', 'crm.example', 'webhook', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            UPDATE send_keys SET portal_id = 7, deal_id = 42 WHERE send_key = 'campaign:report';
            UPDATE send_ledger SET contact_id = CASE recipient WHEN 'ann@example.org' THEN 501 WHEN 'cat@example.net' THEN 503 ELSE 599 END;
            SELECT 0
            """);

        var (code, output, error) = await ReportCli.RunAsync(rig.StorePath, "report", "--contact", "501", "--portal", "crm.example#1", "--json");
        var (catCode, cat, _) = await ReportCli.RunAsync(rig.StorePath, "report", "--contact", "503", "--portal", "crm.example#1", "--json");
        var (dealCode, deal, _) = await ReportCli.RunAsync(rig.StorePath, "report", "--deal", "42", "--json");
        var (textCode, text, _) = await ReportCli.RunAsync(rig.StorePath, "report", "--deal", "42");
        var (noneCode, none, _) = await ReportCli.RunAsync(rig.StorePath, "report", "--deal", "43", "--json");

        var ann = JsonNode.Parse(output)!["messages"]!.AsArray().Single()!;
        var links = ann["links"]!.AsArray();
        var catMessage = JsonNode.Parse(cat)!["messages"]!.AsArray().Single()!;
        var dealMessages = JsonNode.Parse(deal)!["messages"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That((code, catCode, dealCode, textCode, noneCode), Is.EqualTo((0, 0, 0, 0, 0)), error);
            Assert.That((ann["recipient"]!.GetValue<string>(), ann["state"]!.GetValue<string>(), ann["send_key"]!.GetValue<string>()), Is.EqualTo(("ann@example.org", "sent", Key)));
            Assert.That(ann["sent_at"]!.GetValue<string>(), Does.EndWith("Z"));
            Assert.That(string.CompareOrdinal(ann["first_human_open_at"]!.GetValue<string>(), ann["sent_at"]!.GetValue<string>()), Is.GreaterThanOrEqualTo(0));
            Assert.That(ann["opens"]!.ToJsonString(), Is.EqualTo("""{"human":2,"raw":3}"""));
            Assert.That(links.Select(l => (l!["human"]!.GetValue<long>(), l["raw"]!.GetValue<long>())), Is.EqualTo(new[] { (2L, 2L), (0L, 1L) }));
            Assert.That(links.Select(l => l!["url"]!.GetValue<string>()), Is.All.StartWith("http"));
            Assert.That((ann["bounce"], ann["complaint"]!.GetValue<bool>(), ann["unsubscribed_at"]), Is.EqualTo(((JsonNode?)null, false, (JsonNode?)null)));
            Assert.That((catMessage["bounce"]!.GetValue<string>(), catMessage["complaint"]!.GetValue<bool>()), Is.EqualTo(("soft", true)));
            Assert.That(dealMessages.Select(m => (m!["recipient"]!.GetValue<string>(), m["state"]!.GetValue<string>(), m["bounce"]?.GetValue<string>(), m["unsubscribed_at"] is not null)), Is.EqualTo(new[]
            {
                ("ann@example.org", "sent", (string?)null, false), ("bob@example.org", "sent", null, true), ("cat@example.net", "sent", "soft", false),
                ("dan@example.net", "sent", "hard", false), ("eve@example.net", "failed", "hard", false), ("fay@example.net", "sent", "policy", false),
            }));
            Assert.That(text, Does.Contain("6 messages").And.Contain("eve@example.net").And.Contain("soft, complaint"));
            Assert.That(JsonNode.Parse(none)!["messages"]!.AsArray(), Is.Empty);
        });
    }

    [TestCase(new string[0], "choose one of --key KEY, --contact ID or --deal ID")]
    [TestCase(new[] { "--key", "campaign:x", "--deal", "5" }, "choose one of --key KEY, --contact ID or --deal ID")]
    [TestCase(new[] { "--contact", "0" }, "--contact '0': not a CRM ID (a positive whole number)")]
    [TestCase(new[] { "--deal", "x1" }, "--deal 'x1': not a CRM ID (a positive whole number)")]
    [TestCase(new[] { "--key", "campaign:x", "--portal", "p" }, "--portal applies to --contact and --deal (a send key names its portal)")]
    [CancelAfter(60_000)]
    public async Task Report_BadArguments_ExitTwoWithOneLine(string[] options, string problem)
    {
        var folder = Directory.CreateTempSubdirectory("crm-esp-report-").FullName;
        try
        {
            var (code, output, error) = await ReportCli.RunAsync(Path.Combine(folder, "m.db"), ["report", .. options]);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(2));
                Assert.That(output, Is.Empty);
                Assert.That(error.Trim(), Is.EqualTo($"crm-esp: report: {problem}"));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Report_UnknownKey_ExitOneNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory("crm-esp-report-").FullName;
        try
        {
            var (code, output, error) = await ReportCli.RunAsync(Path.Combine(folder, "m.db"), "report", "--key", "campaign:nothing", "--json");
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(1));
                Assert.That(output, Is.Empty);
                Assert.That(error.Trim(), Is.EqualTo("crm-esp: report: no messages and no send key 'campaign:nothing'"));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // ann@example.org: two browser opens, one through Gmail's proxy; link 1 clicked twice, link 2 once within the burst window (a machine's).
    // bob@example.org: a proxy open only, then RFC 8058 one-click. cat@example.net: one browser open, a soft bounce and a complaint.
    // dan@example.net: hard bounce (DSN). eve@example.net: failed with 550 at SMTP time. fay@example.net: policy block.
    private static async Task<TrackingRig> SeedAsync(CancellationToken cancellationToken)
    {
        var rig = await TrackingRig.StartAsync(new Dictionary<string, string?>
        {
            ["Tracking:MachineWindowSeconds"] = "0", ["Tracking:LinkBurstMilliseconds"] = "60000", ["Sending:Validation:CheckMx"] = "false",
        }, cancellationToken);
        try
        {
            var messages = (await rig.SendAsync(Key, "ann@example.org", "bob@example.org", "cat@example.net", "dan@example.net", "eve@example.net", "fay@example.net"))
                .ToDictionary(m => m.To.Mailboxes.Single().Address);
            using var http = rig.Client();
            http.DefaultRequestHeaders.UserAgent.ParseAdd(Chrome);
            var ann = messages["ann@example.org"];
            var links = TrackingRig.Links(ann);
            await GetAsync(http, TrackingRig.Pixel(ann), null, cancellationToken);
            await GetAsync(http, TrackingRig.Pixel(ann), null, cancellationToken);
            await GetAsync(http, TrackingRig.Pixel(ann), Gmail, cancellationToken);
            await GetAsync(http, links[0], null, cancellationToken);
            await GetAsync(http, links[0], null, cancellationToken);
            await GetAsync(http, links[1], null, cancellationToken);
            await GetAsync(http, TrackingRig.Pixel(messages["bob@example.org"]), Gmail, cancellationToken);
            using var oneClick = await http.PostAsync(TrackingRig.OneClick(messages["bob@example.org"]),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), cancellationToken);
            Assert.That((int)oneClick.StatusCode, Is.EqualTo(200));
            await GetAsync(http, TrackingRig.Pixel(messages["cat@example.net"]), null, cancellationToken);

            // The pixel answers after a bounded wait, the hit may still be queued: wait for all nine.
            while (await rig.CountAsync("SELECT COUNT(*) FROM engagement_hits") < 9)
            {
                await Task.Delay(50, cancellationToken);
            }

            var ids = (await rig.QueryAsync<LedgerIdRow>("SELECT id AS Id, recipient AS Recipient FROM send_ledger WHERE send_key = @Key", new { Key }))
                .ToDictionary(r => r.Recipient, r => r.Id);
            var bounces = rig.Services.GetRequiredService<BounceEventStore>();
            async Task Bounce(BounceKind kind, string recipient, string? status, string source) =>
                await bounces.RecordAsync(new BounceNotice(kind, recipient, status, "test", ids[recipient]), "hook", source, cancellationToken);
            await Bounce(BounceKind.Soft, "cat@example.net", "4.2.2", "hook:1");
            await Bounce(BounceKind.Complaint, "cat@example.net", null, "hook:2");
            await Bounce(BounceKind.Hard, "dan@example.net", "5.1.1", "hook:3");
            await Bounce(BounceKind.Soft, "dan@example.net", "4.4.1", "hook:4");
            await Bounce(BounceKind.Policy, "fay@example.net", "5.7.1", "hook:5");
            await rig.CountAsync("UPDATE send_ledger SET state = 'failed', reply_code = 550, detail = '550 5.1.1 no such user' WHERE id = @Id; SELECT 0",
                new { Id = ids["eve@example.net"] });
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private static async Task GetAsync(HttpClient http, Uri url, string? agent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (agent is not null)
        {
            request.Headers.Remove("User-Agent");
            request.Headers.TryAddWithoutValidation("User-Agent", agent);
        }

        using var answer = await http.SendAsync(request, cancellationToken);
        Assert.That((int)answer.StatusCode, Is.EqualTo(200).Or.EqualTo(302), url.ToString());
    }

    private sealed record LedgerIdRow
    {
        public long Id { get; init; }

        public string Recipient { get; init; } = "";
    }
}
