using System.Text.Json;
using Connector.Sending.Dkim;
using Connector.Tests.Cli;

namespace Connector.Tests.Domains;

/// <summary>
/// <c>domain check</c> against a real DNS server: dnsmasq on a loopback port serving a test zone (SPF, DKIM, DMARC, MX,
/// A and PTR records), asked through <c>Dns:Servers</c>. good.test is a domain set up right; each other case changes
/// one name or one record. Addresses are from TEST-NET-1 (RFC 5737): they are DNS data only, nothing connects to them.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class DomainCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private Dnsmasq _dns = null!;
    private string _root = "";
    private string _keys = "";
    private string _otherKeys = "";
    private string _folder = "";

    [OneTimeSetUp]
    public async Task StartDnsAsync()
    {
        _root = Directory.CreateTempSubdirectory("domain-check-").FullName;
        (_keys, _otherKeys) = (Path.Combine(_root, "keys"), Path.Combine(_root, "other-keys"));
        var good = DkimKeyGenerator.Generate("good.test", _keys, Now);
        DkimKeyGenerator.Generate("good.test", _otherKeys, Now);
        string[] zone =
        [
            "local=/test/", "local=/2.0.192.in-addr.arpa/",
            Dnsmasq.Txt("good.test", "v=spf1 ip4:192.0.2.10 -all"),
            Dnsmasq.Txt("bounces.good.test", "v=spf1 ip4:192.0.2.10 ~all"),
            .. good.Select(r => Dnsmasq.Txt(r.Name, r.Value)),
            Dnsmasq.Txt("_dmarc.good.test", "v=DMARC1; p=reject; rua=mailto:dmarc@good.test"),
            "mx-host=bounces.good.test,mx.good.test,10",
            "host-record=mx.good.test,192.0.2.11",
            "host-record=relay.good.test,192.0.2.10",
            // SPF cases.
            Dnsmasq.Txt("twospf.test", "v=spf1 -all"), Dnsmasq.Txt("twospf.test", "v=spf1 mx -all"),
            Dnsmasq.Txt("neutral.test", "v=spf1 mx ?all"), Dnsmasq.Txt("neutral.test", "google-site-verification=abc"),
            Dnsmasq.Txt("open.test", "v=spf1 +all"),
            Dnsmasq.Txt("nospf.test", "google-site-verification=abc"),
            // DMARC cases.
            Dnsmasq.Txt("_dmarc.monitor.test", "v=DMARC1; p=none; rua=mailto:d@monitor.test"),
            Dnsmasq.Txt("_dmarc.noreports.test", "v=DMARC1; p=quarantine"),
            Dnsmasq.Txt("_dmarc.nopolicy.test", "v=DMARC1; rua=mailto:d@nopolicy.test"),
            // Bounce domain cases: only an A record; a null MX (RFC 7505).
            "host-record=amx.good.test,192.0.2.12",
            "mx-host=nullmx.good.test,.,0",
            // Relay cases: no PTR; a PTR whose name does not resolve back.
            "address=/noptr.good.test/192.0.2.20",
            "address=/stray.good.test/192.0.2.30",
            "ptr-record=30.2.0.192.in-addr.arpa,elsewhere.good.test",
        ];
        _dns = await Dnsmasq.StartAsync(zone);
    }

    [OneTimeTearDown]
    public async Task StopDnsAsync()
    {
        await _dns.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [SetUp]
    public void SetUp() => _folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Check_DomainSetUpRight_EveryLinePassesAndExitsZero()
    {
        var (code, output, error) = await RunAsync([]);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(lines.Select(l => l.Split(' ')[0]), Is.All.EqualTo("pass"), output);
            Assert.That(lines.Select(l => l.Split(' ')[1].TrimEnd(':')), Is.EqualTo(new[]
            {
                "spf", "spf:return-path", "dkim:rsa-20261203", "dkim:ed25519-20261203", "dmarc", "bounce-mx", "relay-ptr:relay.good.test", "alignment",
            }));
            Assert.That(output, Does.Contain("192.0.2.10 → relay.good.test → 192.0.2.10"));
            Assert.That(output, Does.Contain("_dmarc.good.test: p=reject, rua=mailto:dmarc@good.test"));
        });
    }

    [Test]
    public async Task Check_Json_IsOneStableObject()
    {
        var (code, output, _) = await RunAsync(["--json"]);

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var first = root.GetProperty("checks")[0];
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "domain", "status", "checks" }));
            Assert.That(root.GetProperty("domain").GetString(), Is.EqualTo("good.test"));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("pass"));
            Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "check", "status", "detail", "fix" }));
            Assert.That(first.GetProperty("check").GetString(), Is.EqualTo("spf"));
            Assert.That(first.GetProperty("fix").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("nospf.test", "fail", "no SPF record")]
    [TestCase("twospf.test", "fail", "2 SPF records")]
    [TestCase("open.test", "fail", "lets every server")]
    [TestCase("neutral.test", "warn", "does not end in -all or ~all")]
    public async Task Check_Spf_IsJudged(string domain, string status, string detail)
    {
        var check = await CheckAsync("spf", ["--domain", domain, "--Sender:FromAddress=news@" + domain]);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo(status));
            Assert.That(check.Detail, Does.Contain(detail));
            Assert.That(check.Fix, Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public async Task Check_DkimKeyInFolderIsNotTheOnePublished_FailsAndPrintsTheRecordToPublish()
    {
        var (code, output, _) = await RunAsync(["--json", $"--Dkim:KeyFolder={_otherKeys}"]);

        var check = Find(output, "dkim:rsa-20261203");
        var expected = File.ReadAllText(Path.Combine(_otherKeys, "rsa-20261203.txt")).Trim();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(check.Status, Is.EqualTo("fail"));
            Assert.That(check.Detail, Does.Contain("not the key in the folder"));
            Assert.That(check.Fix, Is.EqualTo($"replace the record: rsa-20261203._domainkey.good.test TXT {expected}"));
            Assert.That(Find(output, "dkim:ed25519-20261203").Status, Is.EqualTo("fail"));
        });
    }

    [Test]
    public async Task Check_DkimRecordsMissing_RsaFailsEd25519Warns()
    {
        var (code, output, _) = await RunAsync(["--json", "--Sender:FromAddress=news@nodkim.good.test"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(Find(output, "dkim:rsa-20261203").Status, Is.EqualTo("fail"));
            Assert.That(Find(output, "dkim:rsa-20261203").Fix, Does.StartWith("publish rsa-20261203._domainkey.nodkim.good.test TXT v=DKIM1; k=rsa; p="));
            Assert.That(Find(output, "dkim:ed25519-20261203").Status, Is.EqualTo("warn"));
        });
    }

    [Test]
    public async Task Check_NoKeyInTheFolder_FailsNamingKeygen()
    {
        var check = await CheckAsync("dkim", ["--domain", "good.test", $"--Dkim:KeyFolder={Path.Combine(_root, "empty")}"]);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo("fail"));
            Assert.That(check.Fix, Does.Contain("crm-esp dkim keygen --domain good.test"));
        });
    }

    [TestCase("good.test", "pass", "p=reject")]
    [TestCase("sub.good.test", "pass", "_dmarc.good.test: p=reject")]
    [TestCase("monitor.test", "warn", "monitoring only")]
    [TestCase("noreports.test", "warn", "no aggregate reports")]
    [TestCase("nopolicy.test", "fail", "p= is missing")]
    [TestCase("nospf.test", "fail", "no DMARC record")]
    public async Task Check_Dmarc_IsJudged(string domain, string status, string detail)
    {
        var check = await CheckAsync("dmarc", ["--domain", domain]);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo(status));
            Assert.That(check.Detail, Does.Contain(detail));
        });
    }

    [TestCase("bounces.good.test", "pass", "MX 10 mx.good.test")]
    [TestCase("amx.good.test", "warn", "only an address record")]
    [TestCase("nullmx.good.test", "fail", "null MX")]
    [TestCase("nomx.good.test", "fail", "no MX")]
    public async Task Check_BounceDomainMx_IsJudged(string bounceDomain, string status, string detail)
    {
        var check = await CheckAsync("bounce-mx", ["--domain", "good.test", $"--Bounces:Domain={bounceDomain}"]);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo(status));
            Assert.That(check.Detail, Does.Contain(detail));
        });
    }

    [TestCase("relay.good.test", "pass", "192.0.2.10 → relay.good.test → 192.0.2.10")]
    [TestCase("192.0.2.10", "pass", "192.0.2.10 → relay.good.test")]
    [TestCase("127.0.0.1", "warn", "local or private address")]
    [TestCase("noptr.good.test", "fail", "192.0.2.20: no PTR record")]
    [TestCase("stray.good.test", "fail", "does not resolve back to 192.0.2.30")]
    [TestCase("unknown.good.test", "fail", "has no address")]
    public async Task Check_RelayPtr_IsForwardConfirmed(string relay, string status, string detail)
    {
        var check = await CheckAsync($"relay-ptr:{relay}", ["--domain", "good.test", $"--Smtp:Host={relay}"]);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo(status));
            Assert.That(check.Detail, Does.Contain(detail));
        });
    }

    [Test]
    public async Task Check_NoRelayConfigured_Warns()
    {
        var (code, output, _) = await RunAsync(["--json", "--Smtp:Host="]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(Find(output, "relay-ptr").Status, Is.EqualTo("warn"));
        });
    }

    [TestCase("bounces.good.test", "good.test", "news@good.test", "pass", "all under good.test")]
    [TestCase("bounces.other.test", "good.test", "news@good.test", "warn", "only DKIM (d=) is aligned")]
    [TestCase("bounces.good.test", "mail.good.test", "news@mail.good.test", "pass", "all under good.test")]
    public async Task Check_Alignment_IsRelaxed(string bounceDomain, string dkimDomain, string from, string status, string detail)
    {
        var check = await CheckAsync("alignment", ["--domain", "good.test", $"--Bounces:Domain={bounceDomain}", $"--Dkim:Domain={dkimDomain}", $"--Sender:FromAddress={from}"]);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo(status));
            Assert.That(check.Detail, Does.Contain(detail));
        });
    }

    // Start-up validation refuses a Dkim:Domain that does not cover the From domain, so these names reach the check
    // only from a caller other than the configured CLI (the web host's per-portal settings later): checked directly.
    [TestCase("bounces.good.test", "other.test", "warn", "only SPF (Return-Path) is aligned")]
    [TestCase("bounces.other.test", "other.test", "fail", "DMARC fails")]
    [TestCase("bounces.example.co.uk", "mail.good.test", "warn", "only DKIM (d=) is aligned")]
    public void Alignment_DkimDomainNotUnderTheFrom_IsJudged(string bounceDomain, string dkimDomain, string status, string detail)
    {
        var check = Connector.Domains.DomainChecker.Alignment(new Connector.Domains.DomainCheckNames
        {
            Domain = "good.test", FromAddress = "news@good.test", FromDomain = "good.test", DkimDomain = dkimDomain, KeyFolder = _keys, BounceDomain = bounceDomain,
        });

        Assert.Multiple(() =>
        {
            Assert.That(check.Status.ToString().ToLowerInvariant(), Is.EqualTo(status));
            Assert.That(check.Detail, Does.Contain(detail));
        });
    }

    [TestCase("news.example.co.uk", "example.co.uk")]
    [TestCase("a.b.example.com", "example.com")]
    [TestCase("example.com", "example.com")]
    [TestCase("Mail.Shop.MSK.RU.", "shop.msk.ru")]
    public void OrganisationalDomain_Of_KeepsTheSuffixAndOneLabel(string domain, string expected) =>
        Assert.That(Connector.Domains.OrganisationalDomain.Of(domain), Is.EqualTo(expected));

    [Test]
    public async Task Check_NoFromAddress_AlignmentWarns()
    {
        var check = await CheckAsync("alignment", ["--domain", "good.test", "--Sender:FromAddress="]);

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo("warn"));
            Assert.That(check.Detail, Does.Contain("Sender:FromAddress is not set"));
        });
    }

    [Test]
    public async Task Check_NameServerDoesNotAnswer_FailsSayingTheLookupFailed()
    {
        var (code, output, _) = await CliRun.RunAsync(_folder, "domain", "check", "--domain", "good.test", "--json",
            $"--Dns:Servers=127.0.0.1:{TestSupport.TestPorts.Free()}", "--Dns:Timeout=00:00:00.200", $"--Dkim:KeyFolder={_keys}", "--Sender:FromAddress=news@good.test");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(Find(output, "spf").Status, Is.EqualTo("fail"));
            Assert.That(Find(output, "spf").Detail, Does.Contain("the lookup failed"));
        });
    }

    [TestCase("--Dns:Servers=not-an-address:53", "Dns:Servers: 'not-an-address:53' is not host:port")]
    [TestCase("--Dns:Servers=127.0.0.1:99999", "Dns:Servers: '127.0.0.1:99999' is not host:port")]
    public async Task Check_BadDnsServers_ExitsTwoNamingTheKey(string setting, string problem)
    {
        var (code, _, error) = await CliRun.RunAsync(_folder, "domain", "check", "--domain", "good.test", setting);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain(problem));
        });
    }

    [TestCase(new string[0], "--domain is required")]
    [TestCase(new[] { "--domain", "not a domain" }, "is not a domain name")]
    public async Task Check_BadDomainArgument_ExitsTwo(string[] arguments, string problem)
    {
        var (code, _, error) = await CliRun.RunAsync(_folder, ["domain", "check", .. arguments, $"--Dns:Servers={_dns.Server}"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain(problem));
        });
    }

    private Task<(int Code, string Output, string Error)> RunAsync(string[] extra) =>
        CliRun.RunAsync(_folder, ["domain", "check", "--domain", "good.test", .. Settings(), .. extra]);

    private async Task<CheckLine> CheckAsync(string name, string[] arguments)
    {
        var (_, output, error) = await CliRun.RunAsync(_folder, ["domain", "check", "--json", .. Settings(), .. arguments]);
        Assert.That(output, Is.Not.Empty, error);
        return Find(output, name);
    }

    // Later arguments win: each case overrides what it changes.
    private string[] Settings() =>
        [$"--Dns:Servers={_dns.Server}", $"--Dkim:KeyFolder={_keys}", "--Sender:FromAddress=news@good.test", "--Smtp:Host=relay.good.test"];

    private static CheckLine Find(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        var check = document.RootElement.GetProperty("checks").EnumerateArray().FirstOrDefault(c => c.GetProperty("check").GetString() == name);
        Assert.That(check.ValueKind, Is.EqualTo(JsonValueKind.Object), $"no check {name} in {json}");
        return new CheckLine(check.GetProperty("status").GetString()!, check.GetProperty("detail").GetString()!, check.GetProperty("fix").GetString());
    }

    private sealed record CheckLine(string Status, string Detail, string? Fix);
}
