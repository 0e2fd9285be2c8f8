namespace Connector.Scenarios;

/// <summary>
/// The CRM writes a scenario step makes, owned here and implemented by Crm/Bitrix24 (no wire names in this slice).
/// A call answers with a <see cref="CrmStepResult"/>: done, refused, not sent (retry later) or uncertain (sent, no answer).
/// </summary>
public interface IScenarioCrm
{
    Task<CrmStepResult> MoveDealAsync(long portalId, long dealId, string stage, CancellationToken cancellationToken);

    /// <summary>The deal's current stage as the CRM says now (Done with <see cref="CrmStepResult.Detail"/> = the stage).</summary>
    Task<CrmStepResult> DealStageAsync(long portalId, long dealId, CancellationToken cancellationToken);

    Task<CrmStepResult> AddTodoAsync(long portalId, ScenarioTodo todo, CancellationToken cancellationToken);

    /// <summary>The deal's to-do with this title, read back (Done with the id, Done with null when there is none).</summary>
    Task<CrmStepResult> FindTodoAsync(long portalId, ScenarioTodo todo, CancellationToken cancellationToken);
}
