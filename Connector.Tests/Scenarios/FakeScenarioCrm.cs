using Connector.Scenarios;

namespace Connector.Tests.Scenarios;

/// <summary>
/// A CRM that holds deal stages and to-dos; <see cref="Faults"/> queues what the next calls answer instead (a timeout
/// after the move happened, one before it did, not sent), so the at-most-once rules can be watched call by call.
/// </summary>
internal sealed class FakeScenarioCrm : IScenarioCrm
{
    private readonly object _lock = new();

    public Dictionary<long, string> Stages { get; } = [];

    public List<ScenarioTodo> Todos { get; } = [];

    public List<string> Calls { get; } = [];

    /// <summary>Per call: "applied-timeout" (does it, answers uncertain), "lost-timeout" (does not, answers uncertain), "not-sent".</summary>
    public Queue<string> Faults { get; } = new();

    public Task<CrmStepResult> MoveDealAsync(long portalId, long dealId, string stage, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Calls.Add($"move {dealId} {stage}");
            var fault = Faults.Count > 0 ? Faults.Dequeue() : null;
            if (fault is null or "none" or "applied-timeout")
            {
                Stages[dealId] = stage;
            }

            return Task.FromResult(Answer(fault, stage));
        }
    }

    public Task<CrmStepResult> DealStageAsync(long portalId, long dealId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Calls.Add($"get {dealId}");
            return Task.FromResult(CrmStepResult.Done(Stages.GetValueOrDefault(dealId, "NEW")));
        }
    }

    public Task<CrmStepResult> AddTodoAsync(long portalId, ScenarioTodo todo, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Calls.Add($"todo {todo.DealId}");
            var fault = Faults.Count > 0 ? Faults.Dequeue() : null;
            if (fault is null or "none" or "applied-timeout")
            {
                Todos.Add(todo);
            }

            return Task.FromResult(Answer(fault, "1000"));
        }
    }

    public Task<CrmStepResult> FindTodoAsync(long portalId, ScenarioTodo todo, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Calls.Add($"find {todo.DealId}");
            return Task.FromResult(CrmStepResult.Done(Todos.Any(t => t.DealId == todo.DealId && t.Title == todo.Title) ? "1000" : null));
        }
    }

    private static CrmStepResult Answer(string? fault, string detail) => fault switch
    {
        null or "none" => CrmStepResult.Done(detail),
        "not-sent" => new CrmStepResult(CrmStepResultKind.NotSent, "QUERY_LIMIT_EXCEEDED"),
        _ => new CrmStepResult(CrmStepResultKind.Uncertain, "TIMEOUT"),
    };
}
