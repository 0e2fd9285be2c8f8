using System.CommandLine;
using System.Text.Json;
using Connector.Cli;
using Connector.Host;

namespace Connector.Bounces;

/// <summary>
/// <c>crm-esp bounces fetch [--json]</c>: reads the configured bounce mailboxes once (as the fetch job does) and prints
/// what it did, one line (or one JSON object). Exit 0; 1 when a mailbox could not be read (one line each on stderr);
/// 2 when no mailbox is configured.
/// </summary>
public static class BounceCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var json = new Option<bool>("--json") { Description = "One JSON object: messages, hard, soft, policy, complaints, suppressed, …" };
        var fetch = new Command("fetch", "Read the bounce mailbox (Bounces:Imap:* or Bounces:Pop3:*) once: DSNs, complaints, auto-replies") { json };
        fetch.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            if (!host.Services.GetRequiredService<BounceMailboxes>().Any)
            {
                await Console.Error.WriteLineAsync("crm-esp: bounces fetch: no mailbox configured (set Bounces:Imap:Host or Bounces:Pop3:Host)");
                return 2;
            }

            var s = await host.Services.GetRequiredService<BounceFetcher>().FetchAsync(ct);
            var line = parse.GetValue(json)
                ? JsonSerializer.Serialize(new
                {
                    messages = s.Messages, hard = s.Hard, soft = s.Soft, policy = s.Policy, complaints = s.Complaints, duplicates = s.Duplicates,
                    suppressed = s.Suppressed, auto_replies = s.AutoReplies, not_bounces = s.NotBounces, malformed = s.Malformed,
                    kept_skipped = s.KeptSkipped, unmatched = s.Unmatched, unknown_tokens = s.UnknownTokens, problems = s.Problems,
                }, CliJson.Options)
                : $"{s.Messages} messages: {s.Hard} hard, {s.Soft} soft, {s.Policy} policy, {s.Complaints} complaints ({s.Duplicates} already recorded); "
                  + $"{s.Suppressed} suppressed; {s.AutoReplies} auto-replies, {s.NotBounces} not bounces, {s.Malformed} malformed, {s.KeptSkipped} kept skipped; "
                  + $"{s.Unmatched} unmatched, {s.UnknownTokens} unknown VERP tokens";
            await Console.Out.WriteLineAsync(line.AsMemory(), ct);
            foreach (var problem in s.Problems)
            {
                await Console.Error.WriteLineAsync($"crm-esp: bounces fetch: {problem}");
            }

            return s.Problems.Count == 0 ? 0 : 1;
        });
        return new Command("bounces", "The bounce mailbox: DSNs, ARF complaints and auto-replies") { fetch };
    }
}
