using System.Text.Json;
using Connector.Tests.Reports;
using Dapper;

namespace Connector.Tests.Segments;

/// <summary><c>crm-esp segment count|export|save|list</c> on a store holding <see cref="SampleMirror"/> (two portals).</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SegmentCommandsTests
{
    private SegmentRig _rig = null!;

    [SetUp]
    public async Task CreateMirror()
    {
        _rig = new SegmentRig();
        await _rig.WriteAsync(SampleMirror.Model, TestContext.CurrentContext.CancellationToken);
        await using var connection = await _rig.Connections.OpenAsync(TestContext.CurrentContext.CancellationToken);
        await connection.ExecuteAsync("INSERT INTO contacts (portal_id, crm_id, name, last_name, synced_at) VALUES (1, 7, '=HYPERLINK(\"http://x\")', '+1-2', '')");
    }

    [TearDown]
    public void Dispose() => _rig.Dispose();

    [Test]
    public async Task Count_AnExpression_PrintsTheCount_JsonWithPortalAndTime()
    {
        var (code, output, error) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", "deal.pipeline = 1 or opened", "--portal", "portal-1");
        var (jsonCode, json, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", "never opened", "--portal", "portal-1", "--json");
        var (ambiguous, _, ambiguousError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", "opened");
        using var document = JsonDocument.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output.Trim(), Is.EqualTo("2"));
            Assert.That(jsonCode, Is.Zero);
            Assert.That(document.RootElement.GetProperty("count").GetInt64(), Is.EqualTo(5), "contacts 2, 3, 4, 6 and 7");
            Assert.That(document.RootElement.GetProperty("portal").GetString(), Is.EqualTo("portal-1"));
            Assert.That(document.RootElement.GetProperty("elapsed_ms").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(ambiguous, Is.EqualTo(1));
            Assert.That(ambiguousError, Does.Contain("--portal"));
        });
    }

    [TestCase("contact.name = ", "column 16: expected text after '='")]
    [TestCase("deal.stage = \"WON\" and oppened", "column 24: expected a condition")]
    [TestCase("opened and in scenario \"no-such\"", "column 12: no scenario \"no-such\" (scenario list shows them)")]
    public async Task Count_BadExpression_ExitsTwoNamingTheColumn_WithACaret(string expression, string message)
    {
        var (code, output, error) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", expression, "--portal", "portal-1");
        var lines = error.Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain(message));
            Assert.That(lines[1], Is.EqualTo("  " + expression));
            Assert.That(lines[2].IndexOf('^', StringComparison.Ordinal) - 1, Is.EqualTo(int.Parse(message.Split(':')[0]["column ".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task Save_ValidatesWhole_Versions_ListShowsNewest_NameUsableInCountAndInExpressions()
    {
        var (badCode, _, badError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "vip", "deal.stage = \"WON\" and");
        var (_, emptyList, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "list");
        var (missingCode, _, missingError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "vip", "segment \"nope\"");
        var (save1, saved1, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "vip", "deal.stage = \"WON\"");
        var (save2, saved2, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "vip", "deal.pipeline = 1");
        var (_, list, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "list");
        var (_, listJson, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "list", "--json");
        var (byName, byNameCount, byNameError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", "--name", "VIP", "--portal", "portal-1");
        var (inExpression, inExpressionCount, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", "segment \"vip\" and not contact.id = 1", "--portal", "portal-1");
        var (both, _, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", "opened", "--name", "vip", "--portal", "portal-1");
        var (unknownName, _, unknownError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "count", "--name", "nope", "--portal", "portal-1");
        var (badName, _, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "a\tb", "opened");
        using var document = JsonDocument.Parse(listJson);

        Assert.Multiple(() =>
        {
            Assert.That(badCode, Is.EqualTo(2));
            Assert.That(badError, Does.Contain("column 23: expected a condition").And.Contain("found the end"));
            Assert.That(emptyList, Is.Empty, "a refused expression stores nothing");
            Assert.That(missingCode, Is.EqualTo(2));
            Assert.That(missingError, Does.Contain("no saved segment \"nope\""));
            Assert.That((save1, save2), Is.EqualTo((0, 0)));
            Assert.That(saved1.Trim(), Is.EqualTo("saved segment \"vip\" version 1"));
            Assert.That(saved2.Trim(), Is.EqualTo("saved segment \"vip\" version 2"));
            Assert.That(list, Does.StartWith("vip\tv2\t").And.Contain("deal.pipeline = 1").And.Not.Contain("WON"));
            Assert.That(document.RootElement.GetArrayLength(), Is.EqualTo(1));
            Assert.That(document.RootElement[0].GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(byName, Is.Zero, byNameError);
            Assert.That(byNameCount.Trim(), Is.EqualTo("2"), "the newest version: pipeline 1 holds contacts 1 and 2");
            Assert.That(inExpression, Is.Zero);
            Assert.That(inExpressionCount.Trim(), Is.EqualTo("1"));
            Assert.That(both, Is.EqualTo(2));
            Assert.That(unknownName, Is.EqualTo(2));
            Assert.That(unknownError, Does.Contain("no saved segment \"nope\""));
            Assert.That(badName, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Save_AReferenceCycle_IsRefused()
    {
        await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "b", "opened");
        var (a, _, aError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "a", "segment \"b\" or clicked");
        var (cycle, _, cycleError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "b", "segment \"a\"");
        var (self, _, selfError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "save", "c", "not segment \"c\"");
        var (_, list, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "list");

        Assert.Multiple(() =>
        {
            Assert.That(a, Is.Zero, aError);
            Assert.That(cycle, Is.EqualTo(2));
            Assert.That(cycleError, Does.Contain("refers to itself (b → a → b)"));
            Assert.That(self, Is.EqualTo(2));
            Assert.That(selfError, Does.Contain("refers to itself"));
            Assert.That(list, Does.Contain("b\tv1\t").And.Not.Contain("b\tv2").And.Not.Contain("c\tv1"));
        });
    }

    [Test]
    public async Task Export_Csv_NeutralisesFormulas_Jsonl_KeepsText_OutWritesAFile()
    {
        var folder = Directory.CreateTempSubdirectory("segment-export-").FullName;
        try
        {
            var (csvCode, csv, csvError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "export", "contact.id >= 4", "--portal", "portal-1");
            var (jsonlCode, jsonl, _) = await ReportCli.RunAsync(_rig.StorePath, "segment", "export", "contact.id = 7 or contact.id = 2", "--format", "jsonl", "--portal", "portal-1");
            var path = Path.Combine(folder, "vip.csv");
            var (fileCode, fileOutput, fileError) = await ReportCli.RunAsync(_rig.StorePath, "segment", "export", "deal.stage = \"WON\"", "--out", path, "--portal", "portal-1");
            var lines = csv.TrimEnd().Split('\n');
            var rows = jsonl.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();

            Assert.Multiple(() =>
            {
                Assert.That(csvCode, Is.Zero, csvError);
                Assert.That(lines[0], Is.EqualTo("id,name,second_name,last_name,emails,created_at,modified_at"));
                Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "4", "6", "7" }), "contact 5 is deleted");
                Assert.That(lines[1], Does.StartWith("4,x' OR 1=1 --,,,o'brien@x.io,2026-06-14T10:00:00.0000000Z,"));
                Assert.That(lines[3], Does.StartWith("7,\"'=HYPERLINK(\"\"http://x\"\")\",,'+1-2,"));
                Assert.That(jsonlCode, Is.Zero);
                Assert.That(rows.Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(new long[] { 2, 7 }));
                Assert.That(rows[0].GetProperty("emails").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "bob@mail.ru", "BOSS@corp.com" }));
                Assert.That(rows[1].GetProperty("name").GetString(), Is.EqualTo("=HYPERLINK(\"http://x\")"));
                Assert.That(fileCode, Is.Zero, fileError);
                Assert.That(fileOutput, Is.Empty);
                Assert.That(fileError, Does.Contain("1 contacts written"));
                Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(2));
                Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(1), "no .partial file left");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
