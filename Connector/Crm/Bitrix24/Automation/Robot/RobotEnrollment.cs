using Microsoft.Extensions.Logging;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// Enters a stored robot run into its scenario (entry key <c>robot:{token hash}</c>, so doing it twice — the handler,
/// then a pass after a crash in between — enrolls once) and records the enrollment, or settles the run as refused.
/// </summary>
public static class RobotEnrollment
{
    public static async Task EnterAsync(
        RobotCallStore calls, IRobotScenarios scenarios, long id, RobotCall call, RobotProperties properties, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(properties);
        var entry = await scenarios.EnterAsync(new RobotSendRequest(
            call.PortalId, call.DealId!.Value, properties.Template, properties.Transactional, properties.Delay, $"robot:{call.TokenHash[..32]}"), cancellationToken);
        if (entry.EnrollmentId is { } enrollment)
        {
            await calls.SetEnrollmentAsync(id, enrollment, cancellationToken);
            return;
        }

        logger.LogWarning("Robot call {Id} deal {Deal} not entered ({Reason}: {Detail}); answering refused:{Reason}", id, call.DealId, entry.Refused, entry.Detail, entry.Refused);
        await calls.SettleAsync(id, $"refused:{entry.Refused}", null, cancellationToken);
    }
}
