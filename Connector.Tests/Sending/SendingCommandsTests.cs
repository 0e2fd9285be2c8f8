using System.CommandLine;
using System.Text.RegularExpressions;
using Connector.Cli;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Sending;

[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
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
    public async Task Preview_MirroredContact_RendersItsNameAndDeals()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-preview-" + Guid.NewGuid().ToString("N"));
        var store = $"--Store:Path={Path.Combine(folder, "m.db")}";
        var original = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            Assert.That(await CliApp.RunAsync(["sync", "--full", "--json", "--Sandbox:Contacts=30", "--Sandbox:Deals=60", store]), Is.Zero);
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
            return (await CliApp.RunAsync(["contacts", "export", "--format", "jsonl", store]), writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
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

    private static string Template(string name) => Path.Combine(Peers.RepoRoot, "manifests", "templates", name);

    internal static async Task<(int Code, string Output)> InvokeAsync(IConfiguration configuration, params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in SendingCommands.Create(configuration, new Option<bool>("--sandbox")))
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
