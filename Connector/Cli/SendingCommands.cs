using System.CommandLine;
using Connector.Sending.Dkim;
using Microsoft.Extensions.Configuration;

namespace Connector.Cli;

/// <summary>
/// Sending verbs: <c>dkim keygen --domain D --out DIR</c> (RSA-2048 + Ed25519, prints one DNS record a line),
/// <c>preview --template FILE</c> and <c>send-test --template FILE --to ADDRESS</c>. Never prints a private key or the SMTP password.
/// </summary>
public static class SendingCommands
{
    public static IEnumerable<Command> Create(IConfiguration configuration, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sandbox);
        yield return Dkim(configuration);
    }

    private static Command Dkim(IConfiguration configuration)
    {
        var domain = new Option<string>("--domain") { Description = "Signing domain (d=), e.g. example.com", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Folder for the keys (Dkim:KeyFolder)",
            DefaultValueFactory = _ => configuration["Dkim:KeyFolder"] is { Length: > 0 } folder ? folder : "data/dkim",
        };
        var keygen = new Command("keygen", "Write an RSA-2048 and an Ed25519 key and print the DNS TXT records to publish") { domain, output };
        keygen.SetAction(async (parse, ct) =>
        {
            var records = DkimKeyGenerator.Generate(parse.GetValue(domain)!.Trim().TrimEnd('.').ToLowerInvariant(), parse.GetValue(output)!, TimeProvider.System.GetUtcNow());
            foreach (var record in records)
            {
                await Console.Out.WriteLineAsync(record.ToString().AsMemory(), ct);
            }

            return 0;
        });
        return new Command("dkim", "DKIM keys for the sending domain") { keygen };
    }
}
