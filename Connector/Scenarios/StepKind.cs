namespace Connector.Scenarios;

public enum StepKind
{
    Wait,
    Send,
    Condition,
    Split,
    Exit,

    /// <summary>Move the deal to a stage (crm.deal.update), at most once: an unanswered call is settled by reading the deal back.</summary>
    MoveDeal,

    /// <summary>A to-do for the deal's responsible manager (crm.activity.todo.add), at most once.</summary>
    Todo,

    /// <summary>A signed JSON POST to a URL, retried with backoff (the receiver gets an idempotency key).</summary>
    Webhook,
}
