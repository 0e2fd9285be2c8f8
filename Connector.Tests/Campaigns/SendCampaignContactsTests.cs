using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using Connector.Tests.Cli;
using Connector.Tests.Sending;
using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Connector.Tests.Campaigns;

/// <summary>
/// <c>send-campaign --contacts</c> end to end: a sandbox portal (in-process, over HTTP) gets contacts with every kind
/// of e-mail problem, <c>crm-esp sync</c> mirrors it into a store, and the campaign goes to smtp-sink or a pickup
/// folder: the right addresses, the skip counts per reason, and the <c>send_keys</c> row (portal, name, kind, deal).
/// </summary>
[NonParallelizable]
[CancelAfter(180_000)]
public sealed class SendCampaignContactsTests
{
    private SandboxHost _portal = null!;
    private SendingRig _rig = null!;
    private string _folder = "";
    private Seeded _seeded = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("crm-esp-contacts-").FullName;
        _rig = new SendingRig();
        _portal = await SandboxHost.StartAsync(new SandboxOptions { Contacts = 6, Deals = 4 }, TimeProvider.System, TestContext.CurrentContext.CancellationToken);
        var portal = _portal.Portal;
        long Add(string name, IReadOnlyDictionary<string, JsonNode?>? fields, params string[] emails) => portal.AddContact(new SandboxContactFields
        {
            Name = name, Emails = emails.Select((e, i) => new SandboxEmail(0, i == 0 ? "WORK" : "HOME", e)).ToList(), UserFields = fields,
        }).Id;
        _seeded = new Seeded
        {
            Plain = Add("Анна", null, "anna.plain@example.org"),
            SecondValid = Add("Борис", null, "not an address", "boris.second@example.org"),
            NoEmail = Add("Вера", null),
            Invalid = Add("Глеб", null, "broken@"),
            UnsubscribedY = Add("Дина", new Dictionary<string, JsonNode?> { ["UF_CRM_ESP_UNSUBSCRIBED"] = "Y" }, "dina@example.org"),
            Unsubscribed1 = Add("Егор", new Dictionary<string, JsonNode?> { ["UF_CRM_ESP_UNSUBSCRIBED"] = "1" }, "egor@example.org"),
            NotUnsubscribed = Add("Жанна", new Dictionary<string, JsonNode?> { ["UF_CRM_ESP_UNSUBSCRIBED"] = "0" }, "zhanna@example.org"),
            Suppressed = Add("Зоя", null, "Zoya.Suppressed@Example.org"),
            SameAddress = Add("Анна-2", null, "anna.plain@example.org"),
        };
        _seeded = _seeded with
        {
            Deal = portal.AddDeal(new SandboxDealFields { Title = "Заказ для рассылки", ContactIds = [_seeded.Plain, _seeded.SecondValid, _seeded.NoEmail] }).Id,
        };
        var (code, output, error) = await CliRun.RunAsync(_folder, "sync", "--full", "--json", Webhook);
        Assert.That(code, Is.Zero, output + error);
        var (suppressed, _, problem) = await CliRun.RunAsync(_folder, "suppress", "add", "zoya.suppressed@example.org", "--reason", "manual");
        Assert.That(suppressed, Is.Zero, problem);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _portal.DisposeAsync();
        _rig.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Webhook => $"--Bitrix24:WebhookUrl={_portal.WebhookUrl}";

    private static string Ids(params long[] ids) => string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    [Test]
    public async Task SendCampaign_ListedContacts_SendsEachFirstValidAddressOnceAndCountsEverySkip()
    {
        await using var sink = await SmtpSink.StartAsync();
        var s = _seeded;
        var (code, output, error) = await CliRun.RunAsync(_folder, [
            "send-campaign", "--template", Template("november-sale.json"), "--workers", "1",
            "--contacts", Ids(s.Plain, s.SecondValid, s.NoEmail, s.Invalid, s.UnsubscribedY, s.Unsubscribed1, s.NotUnsubscribed, s.Suppressed, s.SameAddress, 99999, s.Plain),
            .. Sink(sink), Webhook]);

        var summary = JsonDocument.Parse(output).RootElement;
        var reasons = summary.GetProperty("skipped_reasons");
        var messages = await sink.WaitForMessagesAsync(3);
        var row = await SendKeyAsync("campaign:november-sale");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + error);
            Assert.That(messages.Select(To).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "anna.plain@example.org", "boris.second@example.org", "zhanna@example.org" }));
            Assert.That((summary.GetProperty("contacts").GetInt32(), summary.GetProperty("recipients").GetInt32(), summary.GetProperty("skipped").GetInt32(),
                summary.GetProperty("duplicates").GetInt32(), summary.GetProperty("sent").GetInt32()), Is.EqualTo((10, 3, 6, 1, 3)));
            Assert.That(reasons.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()), Is.EqualTo(new Dictionary<string, int>
            {
                ["not_found"] = 1, ["not_on_deal"] = 0, ["no_email"] = 1, ["invalid_email"] = 1, ["suppressed"] = 1, ["unsubscribed_in_crm"] = 2,
            }));
            Assert.That(row, Is.EqualTo(new SendKey(PortalIdOf(_portal.WebhookUrl), "november-sale", "Campaign", null)));
        });
    }

    [Test]
    public async Task SendCampaign_AllWithDeal_SendsToTheDealsContactsWithTheDealsDataAndRecordsTheDeal()
    {
        var s = _seeded;
        string[] args = ["send-campaign", "--template", Template("deal-followup.json"), "--contacts", "all", "--deal", s.Deal.ToString(CultureInfo.InvariantCulture), .. Pickup(), Webhook];
        var (code, output, error) = await CliRun.RunAsync(_folder, args);
        var (again, repeat, _) = await CliRun.RunAsync(_folder, args);

        var summary = JsonDocument.Parse(output).RootElement;
        var letters = Directory.GetFiles(Path.Combine(_folder, "pickup"), "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var key = $"campaign:deal-followup:deal:{s.Deal}";
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + error);
            Assert.That(summary.GetProperty("send_key").GetString(), Is.EqualTo(key));
            Assert.That(summary.GetProperty("deal").GetInt64(), Is.EqualTo(s.Deal));
            Assert.That((summary.GetProperty("contacts").GetInt32(), summary.GetProperty("sent").GetInt32()), Is.EqualTo((3, 2)));
            Assert.That(summary.GetProperty("skipped_reasons").GetProperty("no_email").GetInt32(), Is.EqualTo(1));
            Assert.That(letters.Select(l => l.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "anna.plain@example.org", "boris.second@example.org" }));
            Assert.That(letters.Select(l => l.Subject), Is.All.EqualTo("Заказ для рассылки: что дальше"));
            Assert.That(again, Is.Zero);
            Assert.That(JsonDocument.Parse(repeat).RootElement.GetProperty("enqueued").GetInt32(), Is.Zero);
        });
        Assert.That(await SendKeyAsync(key), Is.EqualTo(new SendKey(PortalIdOf(_portal.WebhookUrl), "deal-followup", "Campaign", s.Deal)));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM send_keys"), Is.EqualTo(1));
    }

    [Test]
    public async Task SendCampaign_ListedContactsWithDeal_SkipsThoseNotOnTheDeal()
    {
        var s = _seeded;
        var (code, output, error) = await CliRun.RunAsync(_folder, [
            "send-campaign", "--template", Template("deal-followup.json"), "--contacts", Ids(s.Plain, s.UnsubscribedY, s.Invalid), "--deal", s.Deal.ToString(CultureInfo.InvariantCulture),
            .. Pickup(), Webhook]);

        var summary = JsonDocument.Parse(output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + error);
            Assert.That((summary.GetProperty("contacts").GetInt32(), summary.GetProperty("sent").GetInt32()), Is.EqualTo((3, 1)));
            Assert.That(summary.GetProperty("skipped_reasons").GetProperty("not_on_deal").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task SendCampaign_All_EveryLiveContactIsSentOrCountedAndAddressesAreTheMirrorsFirstValidOnes()
    {
        var (code, output, error) = await CliRun.RunAsync(_folder, ["send-campaign", "--template", Template("november-sale.json"), "--contacts", "all", .. Pickup(), Webhook]);

        var summary = JsonDocument.Parse(output).RootElement;
        // The mirror keeps IDN domains in their ASCII form; the To header shows them in Unicode.
        var sent = Directory.GetFiles(Path.Combine(_folder, "pickup"), "*.eml").Select(f => MimeMessage.Load(f).To.Mailboxes.Single().Address)
            .Select(a => a[..(a.IndexOf('@', StringComparison.Ordinal) + 1)] + new IdnMapping().GetAscii(a[(a.IndexOf('@', StringComparison.Ordinal) + 1)..])).ToList();
        var firstValid = await ListAsync("""
            SELECT (SELECT address FROM contact_emails e WHERE e.portal_id = c.portal_id AND e.contact_id = c.crm_id AND e.is_valid = 1 ORDER BY position LIMIT 1)
            FROM contacts c WHERE c.deleted = 0
            """);
        var live = await CountAsync("SELECT COUNT(*) FROM contacts WHERE deleted = 0");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + error);
            Assert.That(summary.GetProperty("contacts").GetInt32(), Is.EqualTo(live));
            Assert.That(summary.GetProperty("recipients").GetInt32() + summary.GetProperty("skipped").GetInt32() + summary.GetProperty("duplicates").GetInt32(), Is.EqualTo(live));
            Assert.That(sent, Has.Count.EqualTo(summary.GetProperty("sent").GetInt32()).And.Count.GreaterThanOrEqualTo(4));
            Assert.That(sent, Is.Unique);
            Assert.That(sent, Is.SubsetOf(firstValid.OfType<string>()));
            Assert.That(sent.Select(a => a.ToLowerInvariant()), Has.None.EqualTo("dina@example.org").And.None.EqualTo("egor@example.org").And.None.EqualTo("zoya.suppressed@example.org"));
        });
    }

    [Test]
    public async Task SendCampaign_File_RecordsAKeyWithoutPortalKeepsTheFirstRowAndRefusesTheKeyForContacts()
    {
        var file = Path.Combine(_folder, "r.txt");
        await File.WriteAllLinesAsync(file, ["one@example.org", "two@example.org"]);
        string[] fileRun = ["send-campaign", "--template", Template("november-sale.json"), "--recipients", file, "--Sending:Validation:CheckMx=false", .. Pickup(), Webhook];
        var (first, _, firstError) = await CliRun.RunAsync(_folder, fileRun);
        var created = await ListAsync("SELECT created_at FROM send_keys WHERE send_key = 'campaign:november-sale'");
        var (second, _, _) = await CliRun.RunAsync(_folder, fileRun);
        var (refused, _, refusal) = await CliRun.RunAsync(_folder, ["send-campaign", "--template", Template("november-sale.json"), "--contacts", "all", .. Pickup(), Webhook]);

        Assert.Multiple(async () =>
        {
            Assert.That((first, second), Is.EqualTo((0, 0)), firstError);
            Assert.That(await SendKeyAsync("campaign:november-sale"), Is.EqualTo(new SendKey(null, "november-sale", "Campaign", null)));
            Assert.That(await ListAsync("SELECT created_at FROM send_keys WHERE send_key = 'campaign:november-sale'"), Is.EqualTo(created));
            Assert.That(refused, Is.EqualTo(2));
            Assert.That(refusal, Does.Contain("send key campaign:november-sale already belongs to a recipients file").And.Contain("--key"));
        });
    }

    [TestCase(new[] { "--contacts", "all", "--recipients", "r.txt" }, "--contacts and --recipients cannot be used together")]
    [TestCase(new string[0], "one of --recipients FILE or --contacts all|ID,ID… is required")]
    [TestCase(new[] { "--recipients", "r.txt", "--deal", "5" }, "--deal needs --contacts")]
    [TestCase(new[] { "--contacts", "1,x" }, "--contacts '1,x': expected all, or CRM contact IDs")]
    [TestCase(new[] { "--contacts", "all", "--deal", "0" }, "--deal 0: not a CRM ID")]
    public async Task SendCampaign_BadRecipientOptions_ExitTwoNamingThem(string[] options, string problem)
    {
        var (code, output, error) = await CliRun.RunAsync(_folder, ["send-campaign", "--template", Template("november-sale.json"), .. options, .. Pickup(), Webhook]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error.Trim(), Is.EqualTo($"crm-esp: send-campaign: {problem}").Or.StartWith($"crm-esp: send-campaign: {problem}"));
        });
    }

    [Test]
    public async Task SendCampaign_DealNotMirrored_ExitsOneNamingIt()
    {
        var (code, _, error) = await CliRun.RunAsync(_folder, ["send-campaign", "--template", Template("november-sale.json"), "--contacts", "all", "--deal", "424242", .. Pickup(), Webhook]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.Contain("deal 424242 is not in the mirror"));
        });
    }

    private string[] Pickup() => [$"--Smtp:PickupFolder={Path.Combine(_folder, "pickup")}", .. Sender()];

    private string[] Sink(SmtpSink sink) =>
        ["--Smtp:Host=127.0.0.1", $"--Smtp:Port={sink.Port.ToString(CultureInfo.InvariantCulture)}", "--Smtp:Security=None", .. Sender()];

    private string[] Sender() =>
        ["--Sender:FromAddress=news@example.com", "--Sender:PostalAddress=1 Tverskaya st., Moscow", "--Dkim:Domain=example.com", $"--Dkim:KeyFolder={_rig.KeyFolder}",
         "--Tracking:BaseUrl=https://t.example.com", "--Bounces:Domain=bounces.example.com"];

    private static string Template(string name) => Path.Combine(Peers.RepoRoot, "manifests", "templates", name);

    // smtp-sink's dump is the message as received, its envelope lines on top as X-* headers.
    private static string To(string message) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(message))).To.Mailboxes.Single().Address;

    private long? PortalIdOf(Uri webhook) =>
        Open().QuerySingle<long?>("SELECT id FROM portals WHERE portal_key = @Key", new { Key = Connector.Crm.Bitrix24.Portals.WebhookUrl.ToPortal(webhook.ToString()).Key });

    private async Task<SendKey?> SendKeyAsync(string key)
    {
        await using var connection = Open();
        var row = await connection.QuerySingleOrDefaultAsync<SendKeyDbRow>(
            "SELECT portal_id AS PortalId, name AS Name, kind AS Kind, deal_id AS DealId FROM send_keys WHERE send_key = @Key", new { Key = key });
        return row is null ? null : new SendKey(row.PortalId, row.Name, row.Kind, row.DealId);
    }

    private async Task<int> CountAsync(string sql)
    {
        await using var connection = Open();
        return await connection.ExecuteScalarAsync<int>(sql);
    }

    private async Task<IReadOnlyList<string?>> ListAsync(string sql)
    {
        await using var connection = Open();
        return (await connection.QueryAsync<string?>(sql)).ToList();
    }

    private SqliteConnection Open() => new($"Data Source={Path.Combine(_folder, "m.db")};Pooling=false");

    private sealed record SendKey(long? PortalId, string Name, string Kind, long? DealId);

    private sealed record SendKeyDbRow
    {
        public long? PortalId { get; init; }

        public string Name { get; init; } = "";

        public string Kind { get; init; } = "";

        public long? DealId { get; init; }
    }

    private sealed record Seeded
    {
        public long Plain { get; init; }

        public long SecondValid { get; init; }

        public long NoEmail { get; init; }

        public long Invalid { get; init; }

        public long UnsubscribedY { get; init; }

        public long Unsubscribed1 { get; init; }

        public long NotUnsubscribed { get; init; }

        public long Suppressed { get; init; }

        public long SameAddress { get; init; }

        public long Deal { get; init; }
    }
}
