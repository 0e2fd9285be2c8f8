using Connector.Host;
using System.CommandLine;
using Connector.Sending;
using Connector.Sending.Composing;
using Connector.Sending.Dkim;
using Connector.Sending.Hygiene;
using Connector.Sending.Ledger;
using Connector.Sending.Settings;
using Connector.Sending.Smtp;
using Connector.Sending.Tokens;
using Connector.Store;
using Connector.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    public static IEnumerable<Command> Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox, IMxResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sandbox);
        yield return Dkim(configuration, time);
        yield return Preview(configuration, time, sandbox);
        yield return SendTest(configuration, time, sandbox);
        yield return SendCampaignCommand.Create(configuration, time, sandbox, resolver);
        yield return SuppressCommands.Create(configuration, time, sandbox);
    }

    private static Command Preview(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var (template, contact, portal) = (TemplateOption(), ContactOption(), PortalOption());
        var html = new Option<string?>("--html") { Description = "Write the rendered HTML part to this file" };
        var command = new Command("preview", "Render a template for a contact (or sample data): subject, preheader and text part to stdout") { template, contact, portal, html };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(html) is { } target && MissingFolder(target) is { } folder)
            {
                await Console.Error.WriteLineAsync($"crm-esp: preview: --html {target}: the folder {folder} does not exist");
                return 2;
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var tracking = host.Services.GetRequiredService<IOptions<TrackingOptions>>().Value;
            var baseUrl = (tracking.BaseUrl is { Length: > 0 } url ? url : "https://tracking.invalid").TrimEnd('/');
            if (await RenderAsync(host, parse.GetValue(template)!, parse.GetValue(contact), parse.GetValue(portal), _ => $"{baseUrl}/t/u/preview", ct) is not { } rendered)
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

    private static Command SendTest(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var (template, contact, portal) = (TemplateOption(), ContactOption(), PortalOption());
        var to = new Option<string>("--to") { Description = "Recipient address", Required = true };
        var force = new Option<bool>("--force") { Description = "Send even when the address is on the suppression list" };
        var command = new Command("send-test", "Render, sign and send one message of a template to an address (Smtp:*, or Smtp:PickupFolder)") { template, to, contact, portal, force };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            if (await SetupAsync(host, ct) is not { } setup)
            {
                return 2;
            }

            var address = parse.GetValue(to)!;
            if (!parse.GetValue(force) && await host.Services.GetRequiredService<SendLedgerStore>().SuppressionEntryAsync(AddressValidator.Normalise(address) ?? address.Trim(), ct) is { } suppressed)
            {
                await Console.Error.WriteLineAsync($"crm-esp: send-test: {suppressed.Address} is suppressed ({suppressed.Reason}, since {suppressed.CreatedAt}{(suppressed.Source is { Length: > 0 } s ? ", " + s : "")}); not sent (--force sends anyway)");
                return 1;
            }

            var composer = setup.CreateComposer(time);
            var contactId = parse.GetValue(contact) ?? 0;
            var reference = new MessageRef(time.GetUtcNow().ToUnixTimeMilliseconds(), contactId);
            if (await RenderAsync(host, parse.GetValue(template)!, parse.GetValue(contact), parse.GetValue(portal), _ => composer.UnsubscribeUrl(reference), ct) is not { } rendered)
            {
                return 1;
            }

            var context = new SendContext(reference.SendId, MailKind.Campaign, rendered.Template.Name, rendered.Template.Name);
            var composed = composer.Compose(rendered.Letter, new LetterRecipient(contactId, address, null), context);
            if (composed.Message is null)
            {
                await Console.Error.WriteLineAsync($"crm-esp: send-test: {composed.Error}");
                return 1;
            }

            var result = await setup.Transport.SendAsync(composed.Message, reference.SendId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            await Console.Out.WriteLineAsync($"{result.Status}: {result.Detail}".AsMemory(), ct);
            return result.Status == DeliveryStatus.Accepted ? 0 : 1;
        });
        return command;
    }

    /// <summary>The host's sending setup, or null after one line on stderr saying what is missing (the caller exits 2).</summary>
    internal static async Task<SendingSetup?> SetupAsync(CliHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var source = host.Services.GetRequiredService<SendingSetupSource>();
        var (setup, problem) = await source.GetAsync(cancellationToken);
        if (setup is null)
        {
            await Console.Error.WriteLineAsync($"crm-esp: sending is not configured: {problem}");
            return null;
        }

        if (source.SandboxPickupFolder is { } folder)
        {
            await Console.Error.WriteLineAsync($"crm-esp: sandbox: no SMTP relay configured, messages are written to {folder}");
        }

        return setup;
    }

    internal static Option<string> TemplateOption() => new("--template") { Description = "Template file (.json, or .yaml/.yml: subject, preheader, blocks or html, text)", Required = true };

    private static Option<long?> ContactOption() => new("--contact") { Description = "Mirrored contact ID (default: sample data)" };

    private static Option<string?> PortalOption() => new("--portal") { Description = "Portal key of --contact (member_id or webhook host#user) when the mirror holds several" };

    private static string? MissingFolder(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        return folder is { Length: > 0 } && !Directory.Exists(folder) ? folder : null;
    }

    internal static async Task<(CompiledTemplate Template, Letter Letter)?> RenderAsync(
        CliHost host, string file, long? contactId, string? portal, Func<long, string> unsubscribeUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        TemplateFile source;
        try
        {
            source = await TemplateFileReader.ReadAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {file}: {ex.Message}");
            return null;
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {ex.Message}");
            return null;
        }

        var options = host.Services.GetRequiredService<IOptions<TemplateOptions>>().Value;
        var compiled = new TemplateCompiler(options).Compile(source);
        foreach (var error in compiled.Errors)
        {
            await Console.Error.WriteLineAsync($"crm-esp: {error}");
        }

        if (compiled.Template is not { } template)
        {
            return null;
        }

        var sender = TemplateSender.From(host.Services.GetRequiredService<IOptions<SenderOptions>>().Value);
        TemplateData data;
        if (contactId is { } id)
        {
            var queries = new TemplateDataQueries(host.Services.GetRequiredService<SqliteConnectionFactory>(), options);
            var (portalKey, problem) = await MirrorPortal.ResolveKeyAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, portal, cancellationToken);
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

    private static Command Dkim(IConfiguration configuration, TimeProvider time)
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
            var name = parse.GetValue(domain)!.Trim().TrimEnd('.').ToLowerInvariant();
            if (Sending.Settings.SettingChecks.DomainName("--domain", name) is { } problem)
            {
                await Console.Error.WriteLineAsync($"crm-esp: dkim keygen: {problem}");
                return 2;
            }

            // A new key in a folder that holds one becomes the signing key at once, before its DNS record is published.
            var folder = parse.GetValue(output)!;
            if (DkimKeyGenerator.ExistingKey(folder) is { } existing)
            {
                await Console.Error.WriteLineAsync($"crm-esp: dkim keygen: {existing} already holds a DKIM key; choose another --out folder (keys there would sign before their DNS record is published)");
                return 2;
            }

            foreach (var record in DkimKeyGenerator.Generate(name, folder, time.GetUtcNow()))
            {
                await Console.Out.WriteLineAsync(record.ToString().AsMemory(), ct);
            }

            return 0;
        });
        return new Command("dkim", "DKIM keys for the sending domain") { keygen };
    }
}
