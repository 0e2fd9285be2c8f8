using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Timeline;
using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// The robot's answers (bitrix24-automation.md §6.4; api-reference/bizproc/bizproc-robot/bizproc-event-send.md): runs
/// whose send has a result become due, and each due answer is sent once with <c>bizproc.event.send {EVENT_TOKEN,
/// RETURN_VALUES {message_id, status}}</c> through the shared client as a non-idempotent call — QUERY_LIMIT_EXCEEDED is
/// retried by the client (refused before processing); a timeout, a network failure or a code-less 5xx may have been
/// processed, so the answer is recorded as unknown and never resent; a limit or token failure is tried again later.
/// </summary>
public sealed class Bitrix24RobotAnswers(
    RobotCallStore calls, IRobotScenarios scenarios, Func<IBitrix24Client> client, Bitrix24TimelinePortals portals, Bitrix24InstallStore installs,
    TimeProvider time, ILogger<Bitrix24RobotAnswers> logger)
{
    public const int BatchSize = 50;
    public const int MaxAttempts = 10;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>One pass; the answers sent (answered, unknown or failed) in it.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await calls.ExpireSendingAsync(cancellationToken);
        await SettleAsync(cancellationToken);
        var sent = 0;
        foreach (var row in await calls.InStateAsync(RobotAnswerStates.Due, BatchSize, cancellationToken))
        {
            sent += await AnswerAsync(row, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var waiting = await calls.InStateAsync(RobotAnswerStates.Waiting, 500, cancellationToken);
        foreach (var row in waiting.Where(r => r.EnrollmentId is null && r.DealId is not null))
        {
            // Stored but not entered (the process stopped between the two): entering again is keyed, so it enrolls once.
            var call = new RobotCall(row.PortalId, TokenHashOf(row.EventToken), row.EventToken, null, row.Code, row.DealId, row.Template, row.Kind, row.Delay, null);
            var properties = new RobotProperties(row.Template ?? "", row.Kind == "transactional",
                row.Delay is null or "0" ? TimeSpan.Zero : Connector.Scenarios.ScenarioDuration.Parse(row.Delay) ?? TimeSpan.Zero, row.Delay ?? "", null);
            await RobotEnrollment.EnterAsync(calls, scenarios, row.Id, call, properties, logger, cancellationToken);
        }

        var enrolled = waiting.Where(r => r.EnrollmentId is not null).ToDictionary(r => r.EnrollmentId!.Value, r => r.Id);
        foreach (var result in await scenarios.ResultsAsync([.. enrolled.Keys], cancellationToken))
        {
            await calls.SettleAsync(enrolled[result.EnrollmentId], result.Status, result.MessageId?.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }
    }

    private async Task<bool> AnswerAsync(RobotCallRow row, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await PortalAsync(row.PortalId, cancellationToken) is not { } portal)
        {
            await calls.PostponeAsync(row.Id, now.AddMinutes(5), "the portal's install is not active", cancellationToken);
            return false;
        }

        if (!await calls.ClaimAsync(row.Id, now + Lease, cancellationToken))
        {
            return false;
        }

        var parameters = new JsonObject
        {
            ["EVENT_TOKEN"] = row.EventToken,
            ["RETURN_VALUES"] = new JsonObject { ["message_id"] = row.MessageId ?? "", ["status"] = row.Status ?? "" },
            ["LOG_MESSAGE"] = $"CrmEspBridge: {row.Status}{(row.MessageId is null ? "" : $" (message {row.MessageId})")}",
        };
        var response = await client().CallAsync(portal, "bizproc.event.send", parameters, idempotent: false, cancellationToken);
        var (state, reason, retryAt) = Outcome(response.Error, row.Attempts + 1, time.GetUtcNow());
        await calls.FinishAsync(row.Id, state, reason, retryAt, cancellationToken);
        if (state != RobotAnswerStates.Answered)
        {
            logger.LogWarning("Robot call {Id}: bizproc.event.send {State} ({Reason})", row.Id, state, reason);
        }

        return state != RobotAnswerStates.Due;
    }

    /// <summary>What a bizproc.event.send answer means for the row: answered; unknown (may have been processed: never resent); due again later; failed.</summary>
    public static (string State, string? Reason, DateTimeOffset? RetryAt) Outcome(Bitrix24Error? error, long attempts, DateTimeOffset now)
    {
        if (error is null)
        {
            return (RobotAnswerStates.Answered, null, null);
        }

        var reason = error.ToString();
        return error.Kind switch
        {
            Bitrix24ErrorKind.Unreachable or Bitrix24ErrorKind.Server or Bitrix24ErrorKind.InvalidResponse => (RobotAnswerStates.Unknown, reason, null),
            Bitrix24ErrorKind.RateLimited or Bitrix24ErrorKind.OperatingLimit or Bitrix24ErrorKind.Auth when attempts < MaxAttempts =>
                (RobotAnswerStates.Due, reason, now + TimeSpan.FromSeconds(30 * attempts)),
            _ => (RobotAnswerStates.Failed, reason, null),
        };
    }

    private async Task<Bitrix24Portal?> PortalAsync(long portalId, CancellationToken cancellationToken) =>
        await portals.FindAsync(portalId, cancellationToken) is { } row && await installs.GetAsync(row.Key, cancellationToken) is { IsActive: true } install
            ? install.ToPortal()
            : null;

    private static string TokenHashOf(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
