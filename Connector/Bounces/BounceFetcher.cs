using System.Net.Sockets;
using Connector.Web;
using MailKit;
using MailKit.Security;
using MimeKit;

namespace Connector.Bounces;

/// <summary>
/// Reads every configured bounce mailbox once: each message is read (<see cref="BounceMessageReader"/>), its notices
/// recorded and suppressions applied (<see cref="BounceRecorder"/>), and only then the message is completed; a
/// malformed one is rejected (failed folder, or kept and skipped later) and never stops the rest. A mailbox that cannot
/// be reached is a problem line in the summary, not an exception. Never logs a password; user text in logs is capped.
/// </summary>
public sealed class BounceFetcher(BounceMailboxes mailboxes, BounceMessageReader reader, BounceRecorder recorder, BounceEventStore events, BounceTokens tokens, ILogger<BounceFetcher> logger)
{
    private const int LoggedTokensPerFetch = 10;

    public async Task<BounceFetchSummary> FetchAsync(CancellationToken cancellationToken)
    {
        var summary = new BounceFetchSummary();
        if (mailboxes.Any && tokens.Problem is { } problem)
        {
            logger.LogWarning("Bounces: no token key ({Problem}); VERP tokens cannot be verified, only Original-Envelope-Id matches", LogText.Safe(problem));
        }

        foreach (var mailbox in mailboxes.Open())
        {
            await using (mailbox)
            {
                try
                {
                    await FetchAsync(mailbox, summary, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or SocketException or System.Security.Authentication.AuthenticationException or MailKit.Security.AuthenticationException
                    or SslHandshakeException or ProtocolException or CommandException or ServiceNotConnectedException or TimeoutException or FolderNotFoundException)
                {
                    summary.Problems.Add($"{mailbox.Source}: {ex.GetType().Name}: {LogText.Safe(ex.Message)}");
                    logger.LogWarning("Bounces: the {Source} mailbox could not be read: {Problem}", mailbox.Source, LogText.Safe(ex.Message));
                }
            }
        }

        return summary;
    }

    private async Task FetchAsync(IBounceMailbox mailbox, BounceFetchSummary summary, CancellationToken cancellationToken)
    {
        await mailbox.OpenAsync(cancellationToken);
        var kept = mailbox.KeepsRejected ? await events.KeptAsync(mailbox.Source, cancellationToken) : new HashSet<string>();
        foreach (var item in await mailbox.ListAsync(cancellationToken))
        {
            if (item.MailboxId is { } keptId && kept.Contains(keptId))
            {
                summary.KeptSkipped++;
                continue;
            }

            summary.Messages++;
            BounceReading reading;
            MimeMessage? message = null;
            try
            {
                message = await mailbox.ReadAsync(item, cancellationToken);
                reading = await reader.ReadAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is FormatException or ParseException)
            {
                reading = BounceReading.Malformed($"cannot be parsed: {ex.Message}");
            }

            LogUnknownTokens(mailbox.Source, reading, summary);
            if (reading.Kind == BounceReadingKind.Malformed)
            {
                summary.Malformed++;
                logger.LogWarning("Bounces: {Source} message {Id} is malformed ({Problem}); {Where}", mailbox.Source, LogText.Safe(item.MailboxId),
                    LogText.Safe(reading.Problem), mailbox.KeepsRejected ? "kept on the server" : "moved to the failed folder");
                if (mailbox.KeepsRejected && item.MailboxId is { } id)
                {
                    await events.KeepAsync(mailbox.Source, id, reading.Problem ?? "malformed", cancellationToken);
                }

                await mailbox.RejectAsync(item, cancellationToken);
                continue;
            }

            var sourceId = SourceId(mailbox.Source, message, item);
            foreach (var notice in reading.Notices)
            {
                var result = await recorder.RecordAsync(notice, mailbox.Source, sourceId, cancellationToken);
                if (result.Recorded)
                {
                    summary.Count(notice.Kind);
                }
                else
                {
                    summary.Duplicates++;
                }

                summary.Suppressed += result.Suppressed ? 1 : 0;
                summary.Unmatched += notice.LedgerId is null ? 1 : 0;
            }

            summary.AutoReplies += reading.Kind == BounceReadingKind.AutoReply ? 1 : 0;
            summary.NotBounces += reading.Kind == BounceReadingKind.NotABounce ? 1 : 0;
            await mailbox.CompleteAsync(item, cancellationToken);
        }

        await mailbox.CloseAsync(cancellationToken);
    }

    // The report's own Message-ID is the same over IMAP and POP3 and after a move; the mailbox id where it has none.
    private static string? SourceId(string source, MimeMessage? message, BounceMailboxItem item) =>
        message?.MessageId is { Length: > 0 } id ? $"mid:{id}" : item.MailboxId is { } mailboxId ? $"{source}:{mailboxId}" : null;

    private void LogUnknownTokens(string source, BounceReading reading, BounceFetchSummary summary)
    {
        foreach (var token in reading.UnknownTokens)
        {
            summary.UnknownTokens++;
            if (summary.UnknownTokens <= LoggedTokensPerFetch)
            {
                logger.LogWarning("Bounces: {Source}: a VERP token that does not verify: {Token}", source, LogText.Safe(token, 80));
            }
            else if (summary.UnknownTokens == LoggedTokensPerFetch + 1)
            {
                logger.LogWarning("Bounces: more VERP tokens that do not verify in this fetch; only counted from here on");
            }
        }
    }
}
