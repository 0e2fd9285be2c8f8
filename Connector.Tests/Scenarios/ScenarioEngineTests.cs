using Connector.Scenarios;

namespace Connector.Tests.Scenarios;

/// <summary>The pure engine: one step, its facts and the time in, a decision out.</summary>
[CancelAfter(10_000)]
public sealed class ScenarioEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 17, 0, 0, TimeSpan.Zero); // a Tuesday, 20:00 in Moscow

    private static ScenarioDefinition Scenario(params ScenarioStep[] steps) => new()
    {
        Name = "t", Trigger = new ScenarioTrigger { Kind = TriggerKind.DealEnteredStage, Pipeline = 0, Stage = "PREPARATION" }, Steps = steps,
    };

    private static EnrollmentState At(string step, long id = 7) => new() { Id = id, ScenarioId = 1, Version = 1, Step = step, Subject = SubjectKind.Deal, DealId = 1, ContactId = 1 };

    private static readonly EnrollmentFacts InProgress = new() { DealStage = "PREPARATION", DealPipeline = 0, DealSemantic = "P" };

    [Test]
    public void Decide_SendStep_SendsAndGoesOnNow()
    {
        var sut = Scenario(new ScenarioStep { Id = "a", Kind = StepKind.Send, Template = "proposal" }, new ScenarioStep { Id = "b", Kind = StepKind.Exit });

        var decision = ScenarioEngine.Decide(sut, At("a"), InProgress, Now);

        Assert.That((decision.Outcome, decision.Send?.Template, decision.NextStep, decision.DueAt), Is.EqualTo((DecisionOutcome.Continue, "proposal", "b", (DateTimeOffset?)Now)));
    }

    [Test]
    public void Decide_WaitForTwoDays_NextStepDueInTwoDays()
    {
        var sut = Scenario(new ScenarioStep { Id = "w", Kind = StepKind.Wait, WaitFor = TimeSpan.FromDays(2) }, new ScenarioStep { Id = "b", Kind = StepKind.Exit });

        Assert.That(ScenarioEngine.Decide(sut, At("w"), InProgress, Now).DueAt, Is.EqualTo(Now.AddDays(2)));
    }

    [Test]
    public void Decide_LastStepDone_Completed()
    {
        var sut = Scenario(new ScenarioStep { Id = "a", Kind = StepKind.Send, Template = "x" });

        Assert.That(ScenarioEngine.Decide(sut, At("a"), InProgress, Now).Outcome, Is.EqualTo(DecisionOutcome.Completed));
    }

    // Windows 09:00-12:00 on weekdays in Moscow (UTC+3), from Tuesday 20:00 Moscow.
    [TestCase("2026-12-01T17:00:00Z", "2026-12-02T06:00:00Z", TestName = "Tuesday evening: Wednesday 09:00 Moscow")]
    [TestCase("2026-12-02T07:30:00Z", "2026-12-02T07:30:00Z", TestName = "inside the window: now")]
    [TestCase("2026-12-04T10:00:00Z", "2026-12-07T06:00:00Z", TestName = "Friday 13:00: Monday 09:00")]
    public void Decide_WaitUntilWindow_FirstInstantInsideInTheContactsZone(string now, string expected)
    {
        var window = new WaitWindow { Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], From = new TimeOnly(9, 0), To = new TimeOnly(12, 0) };
        var sut = Scenario(new ScenarioStep { Id = "w", Kind = StepKind.Wait, WaitUntil = window }, new ScenarioStep { Id = "b", Kind = StepKind.Exit });
        var facts = InProgress with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") };

        var decision = ScenarioEngine.Decide(sut, At("w"), facts, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(decision.DueAt, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("S", "won")]
    [TestCase("F", "lost")]
    public void Decide_DealClosed_ExitsBeforeTheStep(string semantic, string reason)
    {
        var sut = Scenario(new ScenarioStep { Id = "a", Kind = StepKind.Send, Template = "x" });

        var decision = ScenarioEngine.Decide(sut, At("a"), InProgress with { DealSemantic = semantic }, Now);

        Assert.That((decision.Outcome, decision.ExitReason, decision.Send), Is.EqualTo((DecisionOutcome.Exited, (string?)reason, (SendAction?)null)));
    }

    [Test]
    public void Decide_ExitRulesOff_DealWonOrMovedStaysEnrolled()
    {
        var sut = Scenario(new ScenarioStep { Id = "a", Kind = StepKind.Send, Template = "x" }) with { Exit = new ExitRules { Won = false, LeftPipeline = false } };

        Assert.Multiple(() =>
        {
            Assert.That(ScenarioEngine.Decide(sut, At("a"), InProgress with { DealSemantic = "S" }, Now).Outcome, Is.EqualTo(DecisionOutcome.Completed));
            Assert.That(ScenarioEngine.Decide(sut, At("a"), InProgress with { DealPipeline = 3 }, Now).Outcome, Is.EqualTo(DecisionOutcome.Completed));
        });
    }

    [TestCase("hard_bounce")]
    [TestCase("unsubscribed")]
    public void Decide_ContactSuppressed_ExitsWhateverTheRules(string reason)
    {
        var sut = Scenario(new ScenarioStep { Id = "a", Kind = StepKind.Send, Template = "x" }) with { Exit = new ExitRules { Won = false, Lost = false, LeftPipeline = false } };

        Assert.That(ScenarioEngine.Decide(sut, At("a"), InProgress with { Suppressed = reason }, Now).ExitReason, Is.EqualTo(reason));
    }

    [TestCase("contact.UF_CRM_CITY", "казань", "yes")]
    [TestCase("contact.UF_CRM_CITY", "Москва", "no")]
    [TestCase("deal.UF_CRM_PROMO", "x", "no")]
    public void Decide_FieldCondition_ThenOrElse(string field, string value, string expected)
    {
        var sut = Scenario(
            new ScenarioStep { Id = "c", Kind = StepKind.Condition, Condition = new StepCondition { Kind = ConditionKind.FieldEquals, Field = field, Value = value }, Then = "yes", Else = "no" },
            new ScenarioStep { Id = "yes", Kind = StepKind.Exit }, new ScenarioStep { Id = "no", Kind = StepKind.Exit });
        var facts = InProgress with { Fields = new Dictionary<string, IReadOnlyList<string>> { ["contact.UF_CRM_CITY"] = ["Казань"] } };

        Assert.That(ScenarioEngine.Decide(sut, At("c"), facts, Now).NextStep, Is.EqualTo(expected));
    }

    [Test]
    public void Decide_ClickedCountsAsOpened_StageCondition()
    {
        var opened = new StepCondition { Kind = ConditionKind.Opened, Step = "offer" };
        var stage = new StepCondition { Kind = ConditionKind.Stage, Stages = ["PREPARATION", "EXECUTING"] };
        ScenarioDefinition With(StepCondition c) => Scenario(
            new ScenarioStep { Id = "c", Kind = StepKind.Condition, Condition = c, Then = "yes", Else = "no" },
            new ScenarioStep { Id = "yes", Kind = StepKind.Exit }, new ScenarioStep { Id = "no", Kind = StepKind.Exit });

        Assert.Multiple(() =>
        {
            Assert.That(ScenarioEngine.Decide(With(opened), At("c"), InProgress with { Clicked = new HashSet<string> { "offer" } }, Now).NextStep, Is.EqualTo("yes"));
            Assert.That(ScenarioEngine.Decide(With(opened), At("c"), InProgress with { Opened = new HashSet<string> { "other" } }, Now).NextStep, Is.EqualTo("no"));
            Assert.That(ScenarioEngine.Decide(With(stage), At("c"), InProgress, Now).NextStep, Is.EqualTo("yes"));
            Assert.That(ScenarioEngine.Decide(With(stage), At("c"), InProgress with { DealStage = "NEW" }, Now).NextStep, Is.EqualTo("no"));
        });
    }

    [Test]
    public void Decide_Split_SameEnrollmentSameBranch_SharesCloseToThePercentages()
    {
        var split = new ScenarioStep { Id = "s", Kind = StepKind.Split, Branches = [new SplitBranch(30, "a"), new SplitBranch(70, "b")] };
        var sut = Scenario(split, new ScenarioStep { Id = "a", Kind = StepKind.Exit }, new ScenarioStep { Id = "b", Kind = StepKind.Exit });

        var branches = Enumerable.Range(1, 10_000).Select(id => ScenarioEngine.Decide(sut, At("s", id), InProgress, Now).NextStep).ToList();
        var again = Enumerable.Range(1, 10_000).Select(id => ScenarioEngine.Decide(sut, At("s", id), InProgress, Now).NextStep).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(branches));
            Assert.That(branches.Count(b => b == "a"), Is.InRange(2_800, 3_200));
        });
    }
}
