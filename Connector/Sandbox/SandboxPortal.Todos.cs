namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    private readonly List<SandboxTodo> _todos = [];
    private long _nextTodoId = 1000;

    /// <summary>The to-dos added through crm.activity.todo.add, oldest first (tests and the sandbox's own views read them).</summary>
    public IReadOnlyList<SandboxTodo> Todos => Snapshot(_todos);

    internal List<SandboxTodo> TodoList => _todos;

    internal long NextTodoId() => _nextTodoId++;
}
