namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// What the robot needs from the scenario engine (implemented by Scenarios/RobotScenarios): whether a template is
/// stored, one explicit entry of a deal into the one-step scenario of (template, kind, delay), and, per enrollment, the
/// result of its send once it has one. CRM-neutral: no Bitrix24 wire names cross it.
/// </summary>
public interface IRobotScenarios
{
    Task<bool> TemplateExistsAsync(string templateName, CancellationToken cancellationToken);

    Task<RobotEntry> EnterAsync(RobotSendRequest request, CancellationToken cancellationToken);

    /// <summary>The enrollments among <paramref name="enrollmentIds"/> whose send has a result (the others are left out).</summary>
    Task<IReadOnlyList<RobotSendResult>> ResultsAsync(IReadOnlyList<long> enrollmentIds, CancellationToken cancellationToken);
}
