using System.CommandLine;
using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Dkim;
using Connector.Sending.Hygiene;
using Connector.Sending.Smtp;
using Connector.Sending.Tokens;
using Connector.Store;
using Connector.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// Sending verbs: <c>dkim keygen --domain D --out DIR</c> (RSA-2048 + Ed25519, prints one DNS record a line),
/// <c>preview --template FILE [--contact ID] [--html OUT]</c>, <c>send-test --template FILE --to ADDRESS [--contact ID]</c>,
/// <c>send-campaign</c> (<see cref="SendCampaignCommand"/>) and <c>suppress</c> (<see cref="SuppressCommands"/>).
/// Never prints a private key or the SMTP password.
/// </summary>
public static class SendingCommands
{
    /// <param name="resolver">MX lookups for import validation; null = DNS (or none when <c>Sending:Validation:CheckMx=false</c>).</param>
    public static IEnumerable<Command> Create(IConfiguration configuration, Option<bool> sandbox, IMxResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sandbox);
        yield return Dkim(configuration);
        yield return Preview(configuration, sandbox);
        yield return SendTest(configuration, sandbox);
        yield return SendCampaignCommand.Create(configuration, sandbox, resolver);
        yield return SuppressCommands.Create(configuration, sandbox);
    }

    private static Command Preview(IConfiguration configuration, Option<bool> sandbox)
    {
        var (template, contact) = (TemplateOption(), ContactOption());
        var html = new Option<string?>("--html") { Description = "Write the rendered HTML part to this file" };
        var command = new Command("preview", "Render a template for a contact (or sample data): subject, preheader and text part to stdout") { template, contact, html };
        command.SetAction(async (parse, ct) =>
        {
            var baseUrl = (configuration["Tracking:BaseUrl"] is { Length: > 0 } url ? url : "https://tracking.invalid").TrimEnd('/');
            if (await RenderAsync(configuration, parse.GetValue(sandbox), parse.GetValue(template)!, parse.GetValue(contact), _ => $"{baseUrl}/t/u/preview", ct) is not { } rendered)
            {
                return 1;
            }

            var letter = rendered.Letter;
            if (parse.GetValue(html) is { } path)
            {
                await File.WriteAllTextAsync(path, letter.Html, ct);
            }

            var text = letter.Text ?? HtmlToText.Convert(letter.Html);
            await Console.Out.WriteLineAsync($"Subject: {letter.Subject}\nPreheader: {letter.Preheader}\n\n{text}".AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Command SendTest(IConfiguration configuration, Option<bool> sandbox)
    {
        var (template, contact) = (TemplateOption(), ContactOption());
        var to = new Option<string>("--to") { Description = "Recipient address", Required = true };
        var command = new Command("send-test", "Render, sign and send one message of a template to an address (Smtp:*, or Smtp:PickupFolder)") { template, to, contact };
        command.SetAction(async (parse, ct) =>
        {
            if (await SetupAsync(configuration) is not { } setup)
            {
                return 2;
            }

            await using (setup.Transport)
            {
                var transport = setup.Transport;
                var composer = setup.CreateComposer(TimeProvider.System);
                var contactId = parse.GetValue(contact) ?? 0;
                var reference = new MessageRef(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), contactId);
                if (await RenderAsync(configuration, parse.GetValue(sandbox), parse.GetValue(template)!, parse.GetValue(contact), _ => composer.UnsubscribeUrl(reference), ct) is not { } rendered)
                {
                    return 1;
                }

                var context = new SendContext(reference.SendId, MailKind.Campaign, rendered.Template.Name, rendered.Template.Name);
                var composed = composer.Compose(rendered.Letter, new LetterRecipient(contactId, parse.GetValue(to)!, null), context);
                if (composed.Message is null)
                {
                    await Console.Error.WriteLineAsync($"crm-esp: send-test: {composed.Error}");
                    return 1;
                }

                var result = await transport.SendAsync(composed.Message, reference.SendId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
                await Console.Out.WriteLineAsync($"{result.Status}: {result.Detail}".AsMemory(), ct);
                return result.Status == DeliveryStatus.Accepted ? 0 : 1;
            }
        });
        return command;
    }

    internal static async Task<SendingSetup?> SetupAsync(IConfiguration configuration)
    {
        try
        {
            if (SandboxPickup(configuration) is { } folder)
            {
                await Console.Error.WriteLineAsync($"crm-esp: sandbox: no SMTP relay configured, messages are written to {folder}");
                configuration = new ConfigurationBuilder().AddConfiguration(configuration)
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Smtp:PickupFolder"] = folder }).Build();
            }

            return SendingSetup.From(configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync($"crm-esp: sending is not configured: {ex.Message}");
            return null;
        }
    }

    // The sandbox (no CRM configured) sends into a pickup folder beside the store unless a relay is configured.
    private static string? SandboxPickup(IConfiguration configuration) =>
        PortalChoice.From(configuration, sandboxFlag: false).Sandbox
        && configuration["Smtp:PickupFolder"] is not { Length: > 0 } && configuration["Smtp:Host"] is not { Length: > 0 }
        && !configuration.GetSection("Smtp:Transports").GetChildren().Any()
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configuration["Store:Path"] ?? "data/crm-esp.db")) ?? ".", "pickup")
            : null;

    internal static Option<string> TemplateOption() => new("--template") { Description = "Template file (.json, or .yaml/.yml: subject, preheader, blocks or html, text)", Required = true };

    private static Option<long?> ContactOption() => new("--contact") { Description = "Mirrored contact ID (default: sample data)" };

    internal static async Task<(CompiledTemplate Template, Letter Letter)?> RenderAsync(
        IConfiguration configuration, bool sandbox, string file, long? contactId, Func<long, string> unsubscribeUrl, CancellationToken cancellationToken)
    {
        TemplateFile source;
        try
        {
            source = await TemplateFileReader.ReadAsync(file, cancellationToken);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {file}: {ex.Message}");
            return null;
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {ex.Message}");
            return null;
        }

        var options = TemplateOptions.From(configuration);
        var compiled = new TemplateCompiler(options).Compile(source);
        foreach (var error in compiled.Errors)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {error}");
        }

        if (compiled.Template is not { } template)
        {
            return null;
        }

        var sender = TemplateSender.From(configuration);
        TemplateData data;
        if (contactId is { } id)
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, sandbox), cancellationToken);
            var queries = new TemplateDataQueries(host.Services.GetRequiredService<SqliteConnectionFactory>(), options);
            var (portalKey, problem) = await MirrorPortal.ResolveKeyAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, null, cancellationToken);
            if (portalKey is null)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {problem}");
                return null;
            }

            if (await queries.ContactAsync(portalKey, id, cancellationToken) is not { } found)
            {
                await Console.Error.WriteLineAsync($"crm-esp: contact {id} is not in the mirror of {portalKey}; run crm-esp sync first");
                return null;
            }

            data = TemplateData.From(found.Contact, found.Deals, sender, unsubscribeUrl(id));
        }
        else
        {
            data = TemplateData.Sample(sender, unsubscribeUrl(0));
        }

        var rendered = new TemplateRenderer().TryRender(template, data);
        if (rendered.Letter is not { } letter)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {rendered.Error}");
            return null;
        }

        return (template, letter);
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
