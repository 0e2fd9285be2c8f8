using System.CommandLine;
using System.Globalization;
using Connector.Cli;
using Connector.Host;
using Connector.Store;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>
/// <c>crm-esp webhooks add|list|remove|enable|log</c>. <c>add</c> checks the URL (http(s), not resolving to a private address
/// unless <c>Webhooks:AllowPrivate</c>) and the event list before anything else: exit 2 naming the bad value; it prints
/// the id and, when it generated one, the secret (once: it is never shown again). Exit 1 when no portal can be chosen.
/// </summary>
public static class WebhookCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Command("webhooks", "Outgoing webhooks: signed JSON events to subscriber URLs")
        {
            Add(configuration, time, sandbox), List(configuration, time, sandbox), Remove(configuration, time, sandbox), Enable(configuration, time, sandbox), Log(configuration, time, sandbox),
        };
    }

    private static Command Add(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var url = new Option<string>("--url") { Description = "http(s) URL to POST events to", Required = true };
        var events = new Option<string>("--events") { Description = $"Comma-separated: {string.Join(',', WebhookEventTypes.All)}", Required = true };
        var secret = new Option<string?>("--secret") { Description = "Signing secret (whsec_<base64> or text of 16+ bytes); generated when left out" };
        var portal = new Option<string?>("--portal") { Description = "Portal key (default: the configured or only one)" };
        var add = new Command("add", "Add a subscriber") { url, events, secret, portal };
        add.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(url)!;
            var allowPrivate = configuration.GetSection(WebhooksOptions.Section).Get<WebhooksOptions>()?.AllowPrivate ?? false;
            var (parsed, types, refused) = await WebhookSubscriptionCheck.CheckAsync(text, parse.GetValue(events)!, allowPrivate, ct);
            if (refused is not null)
            {
                return await FailAsync(2, refused.Field == "url" ? $"--url '{LogText(text)}' {refused.Detail}" : $"--events: {LogText(refused.Detail)}");
            }

            var given = parse.GetValue(secret);
            if (given is not null && WebhookSecret.KeyOf(given) is null)
            {
                return await FailAsync(2, "--secret must be whsec_ followed by base64 of 16+ bytes, or text of 16+ bytes");
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var (portalId, problem) = await MirrorPortal.ResolveAsync(host.Services.GetRequiredService<MirrorQueries>(), host.Choice, parse.GetValue(portal), ct);
            if (portalId is not { } id)
            {
                return await FailAsync(1, problem!);
            }

            var key = given ?? WebhookSecret.Generate();
            var added = await host.Services.GetRequiredService<WebhookStore>().AddSubscriberAsync(id, parsed!, types!, key, time.GetUtcNow(), ct);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"webhook {added}: {parsed!.AbsoluteUri} ({string.Join(',', types!)})"));
            if (given is null)
            {
                await Console.Out.WriteLineAsync($"secret: {key}  (shown once; keep it to verify webhook-signature)");
            }

            return 0;
        });
        return add;
    }

    private static Command List(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var list = new Command("list", "List subscribers: id, portal, state, URL, events (a disabled one says why)");
        list.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            foreach (var s in await host.Services.GetRequiredService<WebhookStore>().SubscribersAsync(ct))
            {
                var state = s.State == "disabled" ? $"disabled {s.DisabledAt} ({s.DisabledReason})" : s.FailingSince is { } since ? $"active, failing since {since}" : "active";
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id}\t{s.PortalKey}\t{state}\t{s.Url}\t{s.Events}\tsecret {WebhookSecret.Hint(s.Secret)}"));
            }

            return 0;
        });
        return list;
    }

    private static Command Remove(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("ID") { Description = "Subscriber id (webhooks list)" };
        var remove = new Command("remove", "Remove a subscriber, its pending deliveries and its log") { id };
        remove.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var which = parse.GetValue(id);
            if (!await host.Services.GetRequiredService<WebhookStore>().RemoveSubscriberAsync(which, ct))
            {
                return await FailAsync(1, string.Create(CultureInfo.InvariantCulture, $"webhooks remove: no subscriber {which}"));
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"webhook {which} removed"));
            return 0;
        });
        return remove;
    }

    private static Command Enable(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Argument<long>("ID") { Description = "Subscriber id (webhooks list)" };
        var replay = new Option<bool>("--replay") { Description = "Also deliver again what failed (each event keeps its webhook-id)" };
        var enable = new Command("enable", "Make a disabled subscriber active again (once its endpoint is fixed)") { id, replay };
        enable.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var which = parse.GetValue(id);
            if (await host.Services.GetRequiredService<WebhookStore>().EnableSubscriberAsync(which, parse.GetValue(replay), time.GetUtcNow(), ct) is not { } replayed)
            {
                return await FailAsync(1, string.Create(CultureInfo.InvariantCulture, $"webhooks enable: no subscriber {which}"));
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"webhook {which} active{(parse.GetValue(replay) ? $"; {replayed} failed deliveries due again" : "")}"));
            return 0;
        });
        return enable;
    }

    private static Command Log(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var id = new Option<long?>("--id") { Description = "Only this subscriber" };
        var log = new Command("log", "The last 100 delivery attempts: time, subscriber, webhook-id, type, status code or error, delivery state") { id };
        log.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            foreach (var a in await host.Services.GetRequiredService<WebhookStore>().AttemptsAsync(parse.GetValue(id), 100, ct))
            {
                var result = a.StatusCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "-";
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{a.At}\t{a.SubscriberId}\t{a.EventId}\t{a.Type}\t{result}\t{a.Error ?? ""}\t{a.State}"));
            }

            return 0;
        });
        return log;
    }

    private static async Task<int> FailAsync(int code, string line)
    {
        await Console.Error.WriteLineAsync($"crm-esp: webhooks: {line}");
        return code;
    }

    private static string LogText(string text) => Connector.Web.LogText.Safe(text);
}
