using Connector.Scenarios;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Scenarios;

/// <summary>
/// move_deal and todo steps: at most once per enrollment, an unanswered call settled by reading back (the deal's stage,
/// the deal's to-dos) before any retry, a step not sent tried again later.
/// </summary>
[CancelAfter(120_000)]
public sealed class CrmStepTests
{
    private const string Scenario = """
        name: escalate
        trigger: { type: deal_entered_stage, pipeline: 0, stage: PREPARATION }
        steps:
          - id: move
            move_deal: EXECUTING
          - id: call-them
            todo: { title: Call the client, description: The proposal is out, due: 2d }
        """;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [Test]
    public async Task MoveAndTodo_Done_OnceEach_TodoForTheResponsibleManager()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportAsync(Scenario);
        await rig.MoveDealAsync(1, "PREPARATION");

        await rig.TickAsync();
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(rig.Crm.Calls, Is.EqualTo(new[] { "move 1 EXECUTING", "todo 1" }));
            Assert.That(rig.Crm.Todos.Single(), Is.EqualTo(new ScenarioTodo(1, rig.Time.GetUtcNow().AddDays(2), "Call the client", "The proposal is out", null)));
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Single().State, Is.EqualTo("completed"));
            Assert.That(await OutcomesAsync(rig), Is.EqualTo(new[] { ("call-them", "done", "1000"), ("move", "done", "EXECUTING") }));
        });
    }

    [Test]
    public async Task Move_TimeoutAfterTheMoveHappened_SettledByReadingBack_NotSentAgain()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        await rig.ImportAsync(Scenario);
        await rig.MoveDealAsync(1, "PREPARATION");
        rig.Crm.Faults.Enqueue("applied-timeout");

        await rig.TickAsync();
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(rig.Crm.Calls, Is.EqualTo(new[] { "move 1 EXECUTING", "get 1", "todo 1" }));
            Assert.That((await OutcomesAsync(rig))[1], Is.EqualTo(("move", "done", "settled: the deal is at EXECUTING")));
        });
    }

    [Test]
    public async Task Move_TimeoutAndTheMoveDidNotHappen_ReadFirst_SentAgainOnlyAfterTheRead()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        await rig.ImportAsync(Scenario);
        await rig.MoveDealAsync(1, "PREPARATION");
        rig.Crm.Stages[1] = "PREPARATION";
        rig.Crm.Faults.Enqueue("lost-timeout");

        await rig.TickAsync();
        var first = rig.Crm.Calls.ToList();
        await rig.TickAsync();
        var beforeRetry = rig.Crm.Calls.Count;
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await rig.TickAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { "move 1 EXECUTING", "get 1" }), "the answer never came and the deal is not there: wait");
            Assert.That(beforeRetry, Is.EqualTo(2), "nothing before the retry time");
            Assert.That(rig.Crm.Calls.Skip(2), Is.EqualTo(new[] { "get 1", "move 1 EXECUTING", "todo 1" }), "read back again, then sent again");
            Assert.That(rig.Crm.Stages[1], Is.EqualTo("EXECUTING"));
        });
    }

    [Test]
    public async Task Todo_UnansweredButCreated_FoundByReadingBack_NotSentAgain_UnansweredAndLost_SentAgain()
    {
        await using var rig = await ScenarioRig.StartAsync();
        await rig.AddContactsAsync([1]);
        await rig.MoveDealAsync(1, "NEW");
        var scenario = await rig.ImportAsync(Scenario);
        await rig.MoveDealAsync(1, "PREPARATION");
        rig.Crm.Faults.Enqueue("not-sent");         // the move: rate-limited, tried again later
        rig.Crm.Faults.Enqueue("applied-timeout");  // the move again: uncertain, the read settles it
        rig.Crm.Faults.Enqueue("applied-timeout");  // the to-do: created, the answer lost
        await rig.AddContactsAsync([2]);
        await rig.MoveDealAsync(2, "NEW");

        await rig.TickAsync();
        var afterNotSent = rig.Crm.Calls.ToList();
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await rig.TickAsync();
        await rig.TickAsync();
        var first = rig.Crm.Calls.Skip(1).ToList();
        // Deal 2: the move goes through, the to-do's answer is lost and it was not created: looked for, then sent again.
        rig.Crm.Faults.Enqueue("none");
        rig.Crm.Faults.Enqueue("lost-timeout");
        await rig.MoveDealAsync(2, "PREPARATION");
        await rig.TickAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(afterNotSent, Is.EqualTo(new[] { "move 1 EXECUTING" }));
            Assert.That(first, Is.EqualTo(new[] { "move 1 EXECUTING", "get 1", "todo 1", "find 1" }));
            Assert.That(rig.Crm.Calls.Skip(1 + first.Count), Is.EqualTo(new[] { "move 2 EXECUTING", "todo 2", "find 2" }), "lost: found missing, so it waits and is sent again later");
            Assert.That(rig.Crm.Todos.Select(t => t.DealId), Is.EqualTo(new long[] { 1 }));
            Assert.That((await OutcomesAsync(rig))[0], Is.EqualTo(("call-them", "done", "settled: the to-do exists")));
            Assert.That((await rig.EnrollmentsAsync(scenario.ScenarioId)).Select(e => e.State), Is.EqualTo(new[] { "completed", "active" }));
        });
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await rig.TickAsync();
        Assert.That(rig.Crm.Calls.TakeLast(2), Is.EqualTo(new[] { "find 2", "todo 2" }), "read back again, then sent again");
        Assert.That(rig.Crm.Todos.Select(t => t.DealId), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public async Task Import_MoveToAStageNotInThePipeline_TodoOnAContactScenario_ErrorsWithLines()
    {
        await using var rig = await ScenarioRig.StartAsync();
        var importer = rig.Services.GetRequiredService<ScenarioImporter>();

        var (_, stage) = await importer.ImportAsync(Scenario.Replace("move_deal: EXECUTING", "move_deal: C1:NEW", StringComparison.Ordinal), rig.Portal, Token);
        var (_, contact) = await importer.ImportAsync("name: c\ntrigger: { type: contact_created }\nsteps:\n  - todo: { title: Call }\n", rig.Portal, Token);

        Assert.Multiple(() =>
        {
            Assert.That(stage.Select(e => e.Format("f.yaml")), Is.EqualTo(new[]
            {
                "f.yaml:4: step 'move': move_deal to unknown stage C1:NEW in pipeline 0 (it has NEW, PREPARATION, EXECUTING, WON, LOSE)",
            }));
            Assert.That(contact.Select(e => e.Format("c.yaml")), Is.EqualTo(new[] { "c.yaml:4: step 'step-1': todo needs a deal (this scenario's trigger enrolls contacts)" }));
        });
    }

    private static async Task<IReadOnlyList<(string Step, string State, string? Detail)>> OutcomesAsync(ScenarioRig rig)
    {
        await using var connection = await rig.Connections.OpenAsync(Token);
        return (await connection.QueryAsync<(string, string, string?)>("SELECT step, state, detail FROM scenario_step_outcomes ORDER BY step")).ToList();
    }
}
