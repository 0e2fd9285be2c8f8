using System.CommandLine;
using System.Text.RegularExpressions;
using Connector.Cli;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Sending;

[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[CancelAfter(120_000)]
public sealed class SendingCommandsTests
{
    [Test]
    public async Task DkimKeygen_NewFolder_WritesBothKeysAndPrintsOneRecordPerLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-dkim-" + Guid.NewGuid().ToString("N"));
        var (code, output) = await InvokeAsync(new ConfigurationBuilder().Build(), "dkim", "keygen", "--domain", "Example.COM", "--out", folder);
        var lines = output.Trim().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Does.Match(@"^rsa-\d{8}\._domainkey\.example\.com TXT v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{390,}$"));
            Assert.That(lines[1], Does.Match(@"^ed25519-\d{8}\._domainkey\.example\.com TXT v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=$"));
            Assert.That(Directory.GetFiles(folder, "*.pem"), Has.Length.EqualTo(2));
            Assert.That(File.GetUnixFileMode(Directory.GetFiles(folder, "rsa-*.pem")[0]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(output, Does.Not.Contain("PRIVATE"));
        });
        var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(Directory.GetFiles(folder, "rsa-*.pem")[0]));
        Assert.That(rsa.KeySize, Is.EqualTo(2048));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task DkimKeygen_FolderAlreadyHoldsKeys_ExitTwoNamingTheKeyAndNothingWritten()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-dkim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var old = Path.Combine(folder, "rsa-20250101.pem");
        await File.WriteAllTextAsync(old, "old key");

        var (code, output, errors) = await InvokeWithErrorsAsync(new ConfigurationBuilder().Build(), "dkim", "keygen", "--domain", "example.com", "--out", folder);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(errors.Trim().Split('\n'), Has.Length.EqualTo(1), errors);
            Assert.That(errors, Does.Contain(old).And.Contain("already holds a DKIM key"));
            Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { old }));
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Preview_HtmlIntoMissingFolder_ExitTwoNamingTheFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "crm-esp-missing-" + Guid.NewGuid().ToString("N"));

        var (code, _, errors) = await InvokeWithErrorsAsync(new ConfigurationBuilder().Build(), "preview", "--template", Template("november-sale.json"), "--html", Path.Combine(missing, "out.html"));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(errors.Trim().Split('\n'), Has.Length.EqualTo(1), errors);
            Assert.That(errors, Does.Contain($"the folder {missing} does not exist"));
            Assert.That(errors, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task Preview_ShippedTemplateWithSampleData_PrintsSubjectAndWritesHtml()
    {
        var html = Path.GetTempFileName();
        var (code, output) = await InvokeAsync(new ConfigurationBuilder().Build(), "preview", "--template", Template("november-sale.json"), "--html", html);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Does.StartWith("Subject: Анна, подборка ноября для вас\nPreheader: Три вещи"));
            Assert.That(output, Does.Contain("Смотреть подборку"));
            Assert.That(File.ReadAllText(html), Does.Contain("max-width:600px"));
        });
        File.Delete(html);
    }

    [Test]
    public async Task Preview_UnknownVariable_ExitOneNamingTemplateLineAndVariable()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{ "name": "bad", "subject": "Hi", "html": "<p>x</p>\n<p>{{ contact.phone }}</p>" }""");
        var original = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        int code;
        try
        {
            (code, _) = await InvokeAsync(new ConfigurationBuilder().Build(), "preview", "--template", file);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.That((code, error.ToString().Trim()), Is.EqualTo((1, "crm-esp: bad (html):2: unknown variable (contact.phone)")));
        File.Delete(file);
    }

    [Test]
    public async Task SendTest_ToSmtpSink_AcceptedAndBothSignaturesVerify()
    {
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
            ["Sender:FromAddress"] = "news@example.com", ["Sender:FromName"] = "Example Shop", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow",
            ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder, ["Tracking:BaseUrl"] = "https://t.example.com", ["Bounces:Domain"] = "bounces.example.com",
        }).Build();
        var (code, output) = await InvokeAsync(configuration, "send-test", "--template", Template("deal-followup.json"), "--to", "anna@example.org");
        var captured = (await sink.WaitForMessagesAsync(1))[0];
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, captured);
        var verify = await Peers.RunAsync("/usr/bin/python3", [Peers.Script("verify_dkim.py"), file, .. rig.VerifierKeyArguments()]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.StartWith("Accepted: "));
            Assert.That(verify.ExitCode, Is.Zero, verify.Output);
            Assert.That(captured, Does.Contain("X-Mail-Args: FROM=<bounce+").Or.Contain("bounce+"));
        });
        File.Delete(file);
    }

    [Test]
    public async Task SendTest_SandboxWithoutRelay_WritesASignedEmlBesideTheStore()
    {
        using var rig = new SendingRig();
        var folder = Directory.CreateTempSubdirectory("sandbox-send-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(folder, "crm-esp.db"),
            ["Sender:FromAddress"] = "news@example.com", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow",
            ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder, ["Tracking:BaseUrl"] = "https://t.example.com",
        }).Build();
        var (code, output) = await InvokeAsync(configuration, "send-test", "--template", Template("deal-followup.json"), "--to", "anna@example.org");
        var written = Directory.Exists(Path.Combine(folder, "pickup")) ? Directory.GetFiles(Path.Combine(folder, "pickup"), "*.eml") : [];
        Assert.That((code, written.Length), Is.EqualTo((0, 1)), output);
        var verify = await Peers.RunAsync("/usr/bin/python3", [Peers.Script("verify_dkim.py"), written[0], .. rig.VerifierKeyArguments()]);
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
    }

    [Test]
    public async Task Preview_MirroredContact_RendersItsNameAndDeals()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-preview-" + Guid.NewGuid().ToString("N"));
        var store = $"--Store:Path={Path.Combine(folder, "m.db")}";
        var original = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            Assert.That(await CliApp.RunAsync(["sync", "--full", "--json", "--Sandbox:Contacts=30", "--Sandbox:Deals=60", store], TimeProvider.System, TestContext.CurrentContext.CancellationToken), Is.Zero);
        }
        finally
        {
            Console.SetOut(original);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Path"] = Path.Combine(folder, "m.db") }).Build();
        var (_, export) = await InvokeExportAsync(store);
        var contact = System.Text.Json.JsonDocument.Parse(export.Split('\n')[0]).RootElement;
        var id = contact.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = contact.GetProperty("name").GetString();
        var (code, output) = await InvokeAsync(configuration, "preview", "--template", Template("november-sale.json"), "--contact", id);
        var (missingCode, _) = await InvokeAsync(configuration, "preview", "--template", Template("november-sale.json"), "--contact", "999999");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.StartWith($"Subject: {(string.IsNullOrEmpty(name) ? "Коллега" : name)}, подборка ноября для вас"));
            Assert.That(missingCode, Is.EqualTo(1));
        });
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int Code, string Output)> InvokeExportAsync(string store)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            return (await CliApp.RunAsync(["contacts", "export", "--format", "jsonl", store], TimeProvider.System, TestContext.CurrentContext.CancellationToken), writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Test]
    public async Task SendCampaign_ProfileOn_PrintsCpuPerStageAndMessage_OffPrintsNone()
    {
        using var rig = new SendingRig();
        await using var sink = await SmtpSink.StartAsync(dump: false);
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-campaign-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var recipients = Path.Combine(folder, "r.txt");
        await File.WriteAllLinesAsync(recipients, Enumerable.Range(1, 20).Select(i => $"p{i}@example.org,Получатель {i}"));
        IConfiguration Configuration(string key, string? profile) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(folder, key + ".db"), ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None", ["Sending:Validation:CheckMx"] = "false",
            ["Sender:FromAddress"] = "news@example.com", ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder,
            ["Tracking:BaseUrl"] = "https://t.example.com", ["Bounces:Domain"] = "bounces.example.com", ["Sending:Profile"] = profile,
        }).Build();
        var (code, on) = await InvokeAsync(Configuration("on", "true"), "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        var (_, off) = await InvokeAsync(Configuration("off", null), "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        var profiled = System.Text.Json.JsonDocument.Parse(on).RootElement;
        var plain = System.Text.Json.JsonDocument.Parse(off).RootElement;
        var stages = profiled.GetProperty("stages_ms_per_message");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, on);
            Assert.That(profiled.GetProperty("sent").GetInt32(), Is.EqualTo(20));
            Assert.That(stages.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "render", "compose", "sign", "smtp", "ledger" }));
            // Every stage did work for each message (rendering, composing, two DKIM signatures, the SMTP transaction, two ledger writes).
            Assert.That(stages.EnumerateObject().Select(p => p.Value.GetDouble()), Has.All.GreaterThan(0), on);
            Assert.That(profiled.GetProperty("cpu_ms_per_message").GetDouble(), Is.GreaterThan(stages.GetProperty("sign").GetDouble()));
            Assert.That(plain.TryGetProperty("stages_ms_per_message", out var none) ? none.ValueKind : System.Text.Json.JsonValueKind.Null, Is.EqualTo(System.Text.Json.JsonValueKind.Null), off);
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task SendCampaign_TwiceWithSameKey_SendsEachRecipientOnce()
    {
        using var rig = new SendingRig();
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-campaign-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var recipients = Path.Combine(folder, "r.txt");
        await File.WriteAllLinesAsync(recipients, ["a1@example.org,Анна", "a2@example.org", "not-an-address", "a3@example.org,Иван"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(folder, "s.db"), ["Smtp:PickupFolder"] = Path.Combine(folder, "pickup"),
            ["Sender:FromAddress"] = "news@example.com", ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder,
            ["Tracking:BaseUrl"] = "https://t.example.com", ["Bounces:Domain"] = "bounces.example.com",
        }).Build();
        var (code, first) = await InvokeAsync(configuration, "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        var (_, second) = await InvokeAsync(configuration, "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        var one = System.Text.Json.JsonDocument.Parse(first).RootElement;
        var two = System.Text.Json.JsonDocument.Parse(second).RootElement;
        var files = Directory.GetFiles(Path.Combine(folder, "pickup"), "*.eml");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, first);
            Assert.That((one.GetProperty("recipients").GetInt32(), one.GetProperty("enqueued").GetInt32(), one.GetProperty("sent").GetInt32()), Is.EqualTo((3, 3, 3)));
            Assert.That((two.GetProperty("enqueued").GetInt32(), two.GetProperty("sent").GetInt32()), Is.EqualTo((0, 0)));
            Assert.That(files, Has.Length.EqualTo(3));
            Assert.That(files.Select(File.ReadAllText).Count(t => t.Contains("Subject: =?utf-8?b?", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(3));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task SendCampaign_FileLongerThanStreamAfter_QueuedWhileReadEachLetterWithItsLinesNameAndRepeatsOnce(CancellationToken cancellationToken)
    {
        using var rig = new SendingRig();
        var folder = Directory.CreateTempSubdirectory("crm-esp-stream-").FullName;
        var count = Connector.Campaigns.RecipientQueueing.StreamAfter + (2 * Connector.Campaigns.RecipientQueueing.Chunk) + 7;
        var lines = Enumerable.Range(1, count).Select(i => $"r{i}@example.org,Имя {i}").Append("R5@EXAMPLE.ORG,повтор").Append("a-bad-line");
        var recipients = Path.Combine(folder, "r.csv");
        await File.WriteAllLinesAsync(recipients, lines, cancellationToken);
        var template = Path.Combine(folder, "t.json");
        await File.WriteAllTextAsync(template, """{"name": "stream", "subject": "{{ contact.name }}", "html": "<p>{{ contact.name }} / {{ contact.email }}</p>"}""", cancellationToken);
        var configuration = CampaignConfiguration(folder, rig);

        var (code, output) = await InvokeAsync(configuration, "send-campaign", "--template", template, "--recipients", recipients);
        var summary = System.Text.Json.JsonDocument.Parse(output).RootElement;
        var store = new Connector.Store.SqliteConnectionFactory(Path.Combine(folder, "s.db"));
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            var rows = (await Dapper.SqlMapper.QueryAsync<(string Recipient, string? Name, string State)>(connection,
                "SELECT recipient, recipient_name, state FROM send_ledger WHERE send_key = 'campaign:stream'")).ToList();
            var eml = Directory.GetFiles(Path.Combine(folder, "pickup"), "*.eml");
            var sample = eml.Select(File.ReadAllText).First(t => t.Contains("r12345@example.org", StringComparison.Ordinal));
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, output);
                Assert.That((summary.GetProperty("recipients").GetInt32(), summary.GetProperty("enqueued").GetInt32(), summary.GetProperty("sent").GetInt32()), Is.EqualTo((count, count, count)));
                Assert.That((summary.GetProperty("duplicates").GetInt32(), summary.GetProperty("skipped").GetInt32()), Is.EqualTo((1, 1)));
                Assert.That(rows, Has.Count.EqualTo(count));
                Assert.That(rows.All(r => r.State == "sent" && r.Name == "Имя " + r.Recipient[1..r.Recipient.IndexOf('@')]), Is.True, "each row keeps its own line's name");
                Assert.That(eml, Has.Length.EqualTo(count));
                Assert.That(sample, Does.Contain("Subject: =?utf-8?b?" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Имя")) + "?= 12345"), "the name of line 12345");
            });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task SendCampaign_RowsHeldByALiveRunnerElsewhere_SaysHowManyUntilWhenAndExitsNonZero(CancellationToken cancellationToken)
    {
        using var rig = new SendingRig();
        var folder = Directory.CreateTempSubdirectory("crm-esp-held-").FullName;
        var recipients = Path.Combine(folder, "r.txt");
        await File.WriteAllLinesAsync(recipients, ["a1@example.org", "a2@example.org", "a3@example.org"], cancellationToken);
        var store = new Connector.Store.SqliteConnectionFactory(Path.Combine(folder, "s.db"));
        await new Connector.Store.MigrationRunner(store, TimeProvider.System).ApplyAsync(cancellationToken);
        var ledger = new Connector.Sending.Ledger.SendLedgerStore(store, TimeProvider.System);
        await ledger.EnqueueAsync("campaign:november-sale", [("a1@example.org", 1L), ("a2@example.org", 2L)], TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(1), cancellationToken);
        var held = await ledger.ReserveAsync(new Connector.Sending.Ledger.ReservePolicy("runner-elsewhere", TimeSpan.FromMinutes(2), 10)
        {
            Host = "another-host", ProcessId = 4242,
        }, cancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(folder, "s.db"), ["Smtp:PickupFolder"] = Path.Combine(folder, "pickup"),
            ["Sender:FromAddress"] = "news@example.com", ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder,
            ["Tracking:BaseUrl"] = "https://t.example.com", ["Bounces:Domain"] = "bounces.example.com",
        }).Build();
        var (code, output) = await InvokeAsync(configuration, "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        var summary = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(held.Rows, Has.Count.EqualTo(2));
            Assert.That(code, Is.EqualTo(Connector.Sending.Ledger.SendRunSummary.WorkRemainsExitCode), output);
            Assert.That((summary.GetProperty("sent").GetInt32(), summary.GetProperty("held").GetInt32(), summary.GetProperty("remaining").GetInt32()), Is.EqualTo((1, 2, 2)));
            Assert.That(summary.GetProperty("held_until").GetDateTimeOffset(), Is.GreaterThan(TimeProvider.System.GetUtcNow()));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task SendCampaign_FileWithBadLines_SkipsThemNamingFileLineAndReasonAndQueuesTheRest()
    {
        using var rig = new SendingRig();
        var folder = Directory.CreateTempSubdirectory("crm-esp-import-").FullName;
        var recipients = Path.Combine(folder, "r.txt");
        await File.WriteAllLinesAsync(recipients, ["a1@example.org,Анна", "broken@", "a2@nowhere.example", "info@example.org", "a3@nullmx.example", "a4@example.org"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = Path.Combine(folder, "s.db"), ["Smtp:PickupFolder"] = Path.Combine(folder, "pickup"),
            ["Sender:FromAddress"] = "news@example.com", ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder,
            ["Tracking:BaseUrl"] = "https://t.example.com", ["Bounces:Domain"] = "bounces.example.com",
        }).Build();
        var (code, output, errors) = await InvokeWithErrorsAsync(configuration, "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        var summary = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + errors);
            Assert.That(errors.Trim().Split('\n'), Is.EqualTo(new[]
            {
                $"crm-esp: {recipients}:2: skipped (syntax): broken@",
                $"crm-esp: {recipients}:3: skipped (no_domain): a2@nowhere.example",
                $"crm-esp: {recipients}:4: flagged (role): info@example.org",
                $"crm-esp: {recipients}:5: skipped (null_mx): a3@nullmx.example",
            }));
            Assert.That((summary.GetProperty("recipients").GetInt32(), summary.GetProperty("skipped").GetInt32(), summary.GetProperty("flagged").GetInt32(), summary.GetProperty("sent").GetInt32()),
                Is.EqualTo((3, 3, 1, 3)));
            Assert.That(Directory.GetFiles(Path.Combine(folder, "pickup"), "*.eml"), Has.Length.EqualTo(3));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Suppress_AddListRemove_ManualEntryRoundTripsAndOthersStay()
    {
        var folder = Directory.CreateTempSubdirectory("crm-esp-suppress-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Path"] = Path.Combine(folder, "s.db") }).Build();
        var (added, addOutput, _) = await InvokeWithErrorsAsync(configuration, "suppress", "add", "Spam.Trap@Example.NET", "--source", "ticket 12");
        var (_, again, _) = await InvokeWithErrorsAsync(configuration, "suppress", "add", "spam.trap@example.net");
        var ledger = new Connector.Sending.Ledger.SendLedgerStore(new Connector.Store.SqliteConnectionFactory(Path.Combine(folder, "s.db")), TimeProvider.System);
        var matched = await ledger.SuppressionAsync("SPAM.TRAP@example.net", TestContext.CurrentContext.CancellationToken);
        await InvokeWithErrorsAsync(configuration, "suppress", "add", "gone@example.org", "--reason", "unsubscribed");
        var (bad, _, badError) = await InvokeWithErrorsAsync(configuration, "suppress", "add", "x@example.org\r\nBcc: y@example.org");
        var (_, list, _) = await InvokeWithErrorsAsync(configuration, "suppress", "list", "--json");
        var (notLifted, _, notLiftedError) = await InvokeWithErrorsAsync(configuration, "suppress", "remove", "gone@example.org");
        var (lifted, _, _) = await InvokeWithErrorsAsync(configuration, "suppress", "remove", "Spam.Trap@example.net");
        var (_, after, _) = await InvokeWithErrorsAsync(configuration, "suppress", "list");
        var rows = list.Trim().Split('\n').Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((added, addOutput.Trim()), Is.EqualTo((0, "suppressed Spam.Trap@example.net (manual)")));
            Assert.That(again.Trim(), Is.EqualTo("spam.trap@example.net was already suppressed"), "one entry whatever the case");
            Assert.That(matched, Is.EqualTo("manual"));
            Assert.That((bad, badError.Trim()), Is.EqualTo((1, "crm-esp: suppress add: not a plain, valid address")));
            Assert.That(rows.Select(r => (r.GetProperty("address").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("source").GetString())), Is.EqualTo(new[]
            {
                ("Spam.Trap@example.net", "manual", "ticket 12"), ("gone@example.org", "unsubscribed", "cli"),
            }));
            Assert.That(notLifted, Is.EqualTo(1));
            Assert.That(notLiftedError, Does.Contain("never lifted here"));
            Assert.That(lifted, Is.Zero);
            Assert.That(after, Does.Not.Contain("Spam.Trap@example.net").And.Contain("gone@example.org\tunsubscribed"));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task SendCampaign_NothingQueued_ExitOneWithOneSummaryLineNamingCountsAndHint()
    {
        using var rig = new SendingRig();
        var folder = Directory.CreateTempSubdirectory("crm-esp-import-").FullName;
        var recipients = Path.Combine(folder, "r.csv");
        await File.WriteAllLinesAsync(recipients, ["email,name", "a1@gone.example,A", "a2@gone.example,B", "a3@gone.example,C"]);
        var (code, output, errors) = await InvokeWithErrorsAsync(CampaignConfiguration(folder, rig), "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(output, Is.Empty);
            Assert.That(errors.Trim().Split('\n')[^1], Is.EqualTo($"crm-esp: {recipients}: nothing to send: 3 skipped: no_domain 3 — DNS may be unreachable; Sending:Validation:CheckMx=false skips MX checks"));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task SendCampaign_ContactsExportCsv_QueuesEachLiveContactsFirstValidAddress()
    {
        using var rig = new SendingRig();
        var folder = Directory.CreateTempSubdirectory("crm-esp-roundtrip-").FullName;
        var store = $"--Store:Path={Path.Combine(folder, "s.db")}";
        var (synced, _) = await CliAsync("sync", "--full", "--json", "--Sandbox:Contacts=40", "--Sandbox:Deals=5", store);
        var (_, csv) = await CliAsync("contacts", "export", "--format", "csv", store);
        var (_, jsonl) = await CliAsync("contacts", "export", "--format", "jsonl", store);
        var recipients = Path.Combine(folder, "contacts.csv");
        await File.WriteAllTextAsync(recipients, csv);
        var expected = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(c => !c.GetProperty("deleted").GetBoolean())
            .Select(c => c.GetProperty("emails").EnumerateArray().Select(e => e.GetString()!).Except(c.GetProperty("invalid_emails").EnumerateArray().Select(e => e.GetString()!)).FirstOrDefault())
            .Select(a => a is null ? null : Connector.Sending.Hygiene.AddressValidator.Normalise(a)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Count();

        var (code, output, errors) = await InvokeWithErrorsAsync(CampaignConfiguration(folder, rig), new Connector.Sending.Hygiene.SkipMxResolver(), "send-campaign", "--template", Template("november-sale.json"), "--recipients", recipients);
        var summary = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(synced, Is.Zero);
            Assert.That(code, Is.Zero, output + errors);
            Assert.That(expected, Is.GreaterThan(20));
            Assert.That(summary.GetProperty("recipients").GetInt32(), Is.EqualTo(expected), errors);
            Assert.That(summary.GetProperty("sent").GetInt32(), Is.EqualTo(expected));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task SendTest_SuppressedAddress_RefusedNamingReasonAndSinceUnlessForce()
    {
        using var rig = new SendingRig();
        var folder = Directory.CreateTempSubdirectory("crm-esp-sendtest-").FullName;
        var configuration = CampaignConfiguration(folder, rig);
        await InvokeWithErrorsAsync(configuration, "suppress", "add", "anna@example.org", "--reason", "unsubscribed");
        var (refused, _, refusal) = await InvokeWithErrorsAsync(configuration, "send-test", "--template", Template("deal-followup.json"), "--to", "Anna@Example.org");
        var pickup = Path.Combine(folder, "pickup");
        var before = Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml").Length : 0;
        var (forced, output, _) = await InvokeWithErrorsAsync(configuration, "send-test", "--template", Template("deal-followup.json"), "--to", "anna@example.org", "--force");
        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(1));
            Assert.That(refusal.Trim(), Does.Match(@"^crm-esp: send-test: anna@example\.org is suppressed \(unsubscribed, since 20\d\d-\d\d-\d\dT[^,]+, cli\); not sent \(--force sends anyway\)$"));
            Assert.That(before, Is.Zero);
            Assert.That(forced, Is.Zero, output);
            Assert.That(Directory.GetFiles(pickup, "*.eml"), Has.Length.EqualTo(1));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Preview_ContactWithTwoPortalsMirrored_PortalOptionChoosesOne(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("crm-esp-preview-").FullName;
        var store = $"--Store:Path={Path.Combine(folder, "m.db")}";
        await using var other = await Connector.Sandbox.SandboxHost.StartAsync(new Connector.Sandbox.SandboxOptions { Contacts = 5, Deals = 5 }, TimeProvider.System, cancellationToken);
        await CliAsync("sync", "--full", "--json", "--Sandbox:Contacts=5", "--Sandbox:Deals=5", store);
        await CliAsync("sync", "--full", "--json", $"--Bitrix24:WebhookUrl={other.WebhookUrl}", store);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Path"] = Path.Combine(folder, "m.db") }).Build();

        var (ambiguous, _, problem) = await InvokeWithErrorsAsync(configuration, "preview", "--template", Template("november-sale.json"), "--contact", "1");
        var (chosen, output, _) = await InvokeWithErrorsAsync(configuration, "preview", "--template", Template("november-sale.json"), "--contact", "1", "--portal", "sandbox");
        Assert.Multiple(() =>
        {
            Assert.That(ambiguous, Is.EqualTo(1));
            Assert.That(problem, Does.Contain("several portals").And.Contain("--portal"));
            Assert.That(chosen, Is.Zero, output);
            Assert.That(output, Does.StartWith("Subject: "));
        });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static IConfiguration CampaignConfiguration(string folder, SendingRig rig) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Store:Path"] = Path.Combine(folder, "s.db"), ["Smtp:PickupFolder"] = Path.Combine(folder, "pickup"),
        ["Sender:FromAddress"] = "news@example.com", ["Sender:PostalAddress"] = "1 Tverskaya st., Moscow", ["Dkim:Domain"] = "example.com", ["Dkim:KeyFolder"] = rig.KeyFolder,
        ["Tracking:BaseUrl"] = "https://t.example.com", ["Bounces:Domain"] = "bounces.example.com",
    }).Build();

    private static async Task<(int Code, string Output)> CliAsync(params string[] args)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            return (await CliApp.RunAsync(args, TimeProvider.System, TestContext.CurrentContext.CancellationToken), writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static Task<(int Code, string Output, string Errors)> InvokeWithErrorsAsync(IConfiguration configuration, params string[] args) =>
        InvokeWithErrorsAsync(configuration, null, args);

    private static async Task<(int Code, string Output, string Errors)> InvokeWithErrorsAsync(IConfiguration configuration, Connector.Sending.Hygiene.IMxResolver? resolver, params string[] args)
    {
        var original = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            var (code, output) = await InvokeAsync(configuration, resolver, args);
            return (code, output, Regex.Replace(error.ToString(), "\r\n", "\n"));
        }
        finally
        {
            Console.SetError(original);
        }
    }

    private static string Template(string name) => Path.Combine(Peers.RepoRoot, "manifests", "templates", name);

    internal static Task<(int Code, string Output)> InvokeAsync(IConfiguration configuration, params string[] args) => InvokeAsync(configuration, null, args);

    private static async Task<(int Code, string Output)> InvokeAsync(IConfiguration configuration, Connector.Sending.Hygiene.IMxResolver? resolver, params string[] args)
    {
        var root = new RootCommand();
        var dns = new Dictionary<string, Connector.Sending.Hygiene.MxAnswer>(AddressValidatorTests.Dns) { ["example.net"] = Connector.Sending.Hygiene.MxAnswer.HasMail };
        foreach (var command in SendingCommands.Create(configuration, TimeProvider.System, new Option<bool>("--sandbox"), resolver ?? new AddressValidatorTests.FakeResolver(dns)))
        {
            root.Subcommands.Add(command);
        }

        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            var code = await root.Parse(args).InvokeAsync();
            return (code, Regex.Replace(writer.ToString(), "\r\n", "\n"));
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
