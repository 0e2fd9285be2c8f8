using Connector.Scenarios;

namespace Connector.Tests.Scenarios;

/// <summary>Scenario files read and checked whole: every error with its line, YAML and JSON alike.</summary>
[CancelAfter(60_000)]
public sealed class ScenarioFileReaderTests
{
    [Test]
    public void Read_ShippedExamples_AllValid()
    {
        var proposal = ScenarioFileReader.Read(File.ReadAllText(ScenarioRig.Manifest("scenarios/proposal-follow-up.yaml")));
        var welcome = ScenarioFileReader.Read(File.ReadAllText(ScenarioRig.Manifest("scenarios/welcome-series.yaml")));
        var reactivation = ScenarioFileReader.Read(File.ReadAllText(ScenarioRig.Manifest("scenarios/reactivation.yaml")));

        Assert.Multiple(() =>
        {
            Assert.That(proposal.Errors, Is.Empty);
            Assert.That(proposal.Definition!.Trigger, Is.EqualTo(new ScenarioTrigger { Kind = TriggerKind.DealEnteredStage, Pipeline = 0, Stage = "PREPARATION", Line = 8 }));
            Assert.That(proposal.Definition.Steps.Select(s => s.Kind), Is.EqualTo(new[] { StepKind.Send, StepKind.Wait, StepKind.Condition, StepKind.Send, StepKind.Exit }));
            Assert.That(proposal.Definition.ReEntry.Mode, Is.EqualTo(ReEntryMode.Once));
            Assert.That(welcome.Errors, Is.Empty);
            Assert.That(welcome.Definition!.Trigger.Kind, Is.EqualTo(TriggerKind.ContactCreated));
            Assert.That(reactivation.Errors, Is.Empty);
            Assert.That(reactivation.Definition!.Trigger, Is.EqualTo(new ScenarioTrigger { Kind = TriggerKind.NoWonDeal, Days = 365, Line = 6 }));
        });
    }

    [Test]
    public void Read_YamlWithManyProblems_EveryErrorListedWithItsLine()
    {
        const string Yaml = """
            name: bad one
            trigger:
              type: deal_entered_stage
              pipeline: 0
              stage: PREPARATION
            max_lateness: soon
            colour: red
            steps:
              - id: check
                condition:
                  opened: previous
                then: first
                else: loop
              - id: first
                send: proposal
              - id: loop
                condition: { stage: NEW }
                then: loop
                else: first
              - id: orphan
                exit: true
            """;

        var result = ScenarioFileReader.Read(Yaml);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Errors.Select(e => e.Line), Is.EqualTo(new[] { 1, 6, 7, 9, 16, 16, 20 }), string.Join("\n", result.Errors));
            Assert.That(result.Errors[0].Message, Does.StartWith("name 'bad one' must be"));
            Assert.That(result.Errors[1].Message, Is.EqualTo("'max_lateness': 'soon' is not a duration (2d, 12h, 30m, 45s, 1d12h)"));
            Assert.That(result.Errors[2].Message, Does.StartWith("unknown key 'colour'"));
            Assert.That(result.Errors[3].Message, Is.EqualTo("condition 'check' is on the previous e-mail, but no earlier step sends one"));
            Assert.That(result.Errors[4].Message, Is.EqualTo("step 'loop' loops back to 'loop' with no wait (for: a duration) in the loop"));
            Assert.That(result.Errors[5].Message, Is.EqualTo("step 'loop' loops back to 'first' with no wait (for: a duration) in the loop"));
            Assert.That(result.Errors[6].Message, Is.EqualTo("step 'orphan' is unreachable: no path from the first step leads to it"));
        });
    }

    [Test]
    public void Read_ConditionOnAnEmailNotSentOnEveryPath_Refused()
    {
        const string Yaml = """
            name: branches
            trigger: { type: contact_created }
            steps:
              - id: split
                split:
                  - { percent: 50, goto: a }
                  - { percent: 50, goto: b }
              - id: a
                send: welcome
              - id: b
                wait: 1d
              - id: check
                condition: { clicked: a }
                then: end
              - id: end
                exit: true
            """;

        var result = ScenarioFileReader.Read(Yaml);

        Assert.That(result.Errors.Select(e => e.Format("f")), Is.EqualTo(new[]
        {
            "f:12: condition 'check' is on the e-mail of 'a', but a path reaches it without that step sending it first",
        }));
    }

    [Test]
    public void Read_LoopWithAWaitButASend_RefusedBecauseItWouldSendOnce()
    {
        const string Yaml = """
            name: nag
            trigger: { type: contact_created }
            steps:
              - id: nag
                send: welcome
              - id: pause
                wait: { for: 1d }
                next: nag
            """;

        Assert.That(ScenarioFileReader.Read(Yaml).Errors.Select(e => e.Format("f")), Is.EqualTo(new[]
        {
            "f:4: send step 'nag' is inside a loop; it would send once per enrollment (its send key is per step)",
        }));
    }

    [Test]
    public void Read_Json_SameSchemaAndLines()
    {
        const string Json = """
            {
              "name": "json-one",
              "trigger": { "type": "deal_created", "pipeline": 0 },
              "re_entry": "sometimes",
              "steps": [
                { "id": "hello", "send": { "template": "welcome", "kind": "bulk" } },
                { "id": "split", "split": [ { "percent": 60, "goto": "hello" }, { "percent": 30 } ] }
              ]
            }
            """;

        var result = ScenarioFileReader.Read(Json);

        Assert.That(result.Errors.Select(e => e.Format("f.json")), Is.EqualTo(new[]
        {
            "f.json:4: re_entry must be 'once', 'always' or { at_most_once_per: 30d }",
            "f.json:6: send kind 'bulk' must be marketing or transactional",
            "f.json:7: split percentages add up to 90, not 100",
        }));
    }

    [Test]
    public void Read_NotYetSupportedAndUnknownTriggers_SaySo()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ScenarioFileReader.Read("name: x\ntrigger: { type: robot }\nsteps: [ { exit: true } ]").Errors.Single().Message,
                Does.StartWith("trigger type 'robot' belongs to the Bitrix24 robot's own scenarios"));
            Assert.That(ScenarioFileReader.Read("name: x\ntrigger: { type: moon_phase }\nsteps: [ { exit: true } ]").Errors.Single().Message,
                Does.StartWith("unknown trigger type 'moon_phase'"));
        });
    }

    [Test]
    public void Read_ApiTrigger_ExplicitEntryOnly_RobotTriggerRefusedForFiles()
    {
        var api = ScenarioFileReader.Read("name: x\ntrigger: { type: api }\nsteps: [ { send: welcome } ]");
        var extra = ScenarioFileReader.Read("name: x\ntrigger: { type: api, stage: WON }\nsteps: [ { send: welcome } ]");
        var robot = ScenarioFileReader.Read("name: x\ntrigger: { type: robot }\nsteps: [ { send: welcome } ]");

        Assert.Multiple(() =>
        {
            Assert.That(api.Errors, Is.Empty);
            Assert.That(api.Definition!.Trigger.Kind, Is.EqualTo(TriggerKind.Api));
            Assert.That(extra.Errors.Single().Message, Does.Contain("stage"));
            Assert.That(robot.Errors.Single().Message, Does.StartWith("trigger type 'robot' belongs to the Bitrix24 robot's own scenarios"));
        });
    }

    [Test]
    public void Read_ScanTriggers_ReadWithTheirFields()
    {
        var idle = ScenarioFileReader.Read("name: x\ntrigger: { type: deal_idle, pipeline: 0, stage: EXECUTING, days: 14 }\nsteps: [ { exit: true } ]");
        var birthday = ScenarioFileReader.Read("name: x\ntrigger: { type: date_field, field: contact.UF_CRM_BIRTHDAY, offset: -7d, at: \"10:00\", every_year: true }\nsteps: [ { exit: true } ]");
        var segment = ScenarioFileReader.Read("name: x\ntrigger: { type: segment_entered, segment: vip }\nsteps: [ { exit: true } ]");

        Assert.Multiple(() =>
        {
            Assert.That(idle.Definition!.Trigger, Is.EqualTo(new ScenarioTrigger { Kind = TriggerKind.DealIdle, Pipeline = 0, Stage = "EXECUTING", Days = 14, Line = 2 }));
            Assert.That(birthday.Definition!.Trigger, Is.EqualTo(new ScenarioTrigger
            {
                Kind = TriggerKind.DateField, Field = "contact.UF_CRM_BIRTHDAY", Offset = TimeSpan.FromDays(-7), At = new TimeOnly(10, 0), EveryYear = true, Line = 2,
            }));
            Assert.That((birthday.Definition.Trigger.EnrollsDeals, birthday.Definition.Trigger.Scans), Is.EqualTo((false, true)));
            Assert.That(segment.Definition!.Trigger.Segment, Is.EqualTo("vip"));
        });
    }

    [Test]
    public void Read_ScanTriggersWithBadValues_EveryErrorWithItsLine()
    {
        const string Yaml = """
            name: x
            trigger:
              type: date_field
              field: deal.CLOSEDATE
              offset: a week before
              at: "25:00"
            steps:
              - exit: true
            """;
        var result = ScenarioFileReader.Read(Yaml);
        var idle = ScenarioFileReader.Read("name: x\ntrigger:\n  type: deal_idle\n  pipeline: 0\n  days: 0\nsteps: [ { exit: true } ]");

        Assert.Multiple(() =>
        {
            Assert.That(result.Errors.Select(e => e.Format("f.yaml")), Is.EqualTo(new[]
            {
                "f.yaml:4: 'field': 'deal.CLOSEDATE' must be a custom date field, contact.UF_CRM_X or deal.UF_CRM_X (the mirror keeps custom fields; deal.CLOSEDATE is not mirrored)",
                "f.yaml:5: 'offset': 'a week before' is not an offset (-7d, +1d, 0d, -12h; at most 3650 days)",
                "f.yaml:6: 'at': '25:00' is not a time of day (HH:mm, such as \"10:00\")",
            }));
            Assert.That(idle.Errors.Select(e => e.Format("i.yaml")), Is.EqualTo(new[] { "i.yaml:5: 'days' must be between 1 and 36500" }));
        });
    }

    [TestCase("-7d", -7 * 24)]
    [TestCase("+1d", 24)]
    [TestCase("12h", 12)]
    [TestCase("0d", 0)]
    public void ParseOffset_SignedDurations(string text, int hours) =>
        Assert.That(ScenarioFileReader.ParseOffset(text), Is.EqualTo(TimeSpan.FromHours(hours)));

    [Test]
    public void Read_BrokenYaml_OneErrorWithTheParsersLine()
    {
        var result = ScenarioFileReader.Read("name: x\ntrigger: [\n  - a\nsteps: {");

        Assert.That((result.Definition, result.Errors.Count, result.Errors[0].Line > 1), Is.EqualTo(((ScenarioDefinition?)null, 1, true)));
    }

    [TestCase("2d", 2 * 24 * 60)]
    [TestCase("1d12h", 36 * 60)]
    [TestCase("90m", 90)]
    public void Duration_Parse_CompactForms(string text, int minutes) =>
        Assert.That(ScenarioDuration.Parse(text), Is.EqualTo(TimeSpan.FromMinutes(minutes)));

    [TestCase("2")]
    [TestCase("d")]
    [TestCase("2w")]
    [TestCase("")]
    public void Duration_Parse_Invalid_Null(string text) => Assert.That(ScenarioDuration.Parse(text), Is.Null);
}
