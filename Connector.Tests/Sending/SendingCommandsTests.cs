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
