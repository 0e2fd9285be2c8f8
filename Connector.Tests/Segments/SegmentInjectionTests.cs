using Connector.Segments;
using Dapper;

namespace Connector.Tests.Segments;

/// <summary>Values that look like SQL stay values: they match only a contact that holds that very text, never the SQL text.</summary>
[CancelAfter(60_000)]
public sealed class SegmentInjectionTests
{
    [TestCase("contact.name = \"x' OR 1=1 --\"", new long[] { 4 })]
    [TestCase("contact.name = 'x'' OR 1=1 --'", new long[] { 4 })]
    [TestCase("contact.name = \"x\"\" OR \"\"1\"\"=\"\"1\"", new long[0])]
    [TestCase("contact.name != \"x' OR 1=1 --\"", new long[] { 1, 2, 3, 6 })]
    [TestCase("contact.name contains \"' OR '1'='1\"", new long[0])]
    [TestCase("contact.email = \"'; DROP TABLE contacts; --\"", new long[0])]
    [TestCase("contact.email in (\"o'brien@x.io\", \"') OR 1=1 --\")", new long[] { 4 })]
    [TestCase("contact.custom.UF_CRM_CITY = \"') OR 1=1 --\"", new long[0])]
    [TestCase("deal.stage = \"WON' OR '1'='1\"", new long[0])]
    [TestCase("unsubscribed from \"x' OR '1'='1\"", new long[] { 4 })]
    public async Task InjectionText_StaysAValue(string expression, long[] expected)
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new SegmentRig();
        await rig.WriteAsync(SampleMirror.Model, ct);

        var prepared = await rig.Evaluator.PrepareAsync(expression, ct);
        var ids = await rig.IdsAsync(expression, ct);
        await using var connection = await rig.Connections.OpenAsync(ct);
        var contacts = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts");

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(expected));
            Assert.That(prepared.Sql!.Where, Does.Not.Contain("OR 1=1").And.Not.Contain("DROP").And.Not.Contain("'1'='1"));
            Assert.That(prepared.Sql.Parameters.Values, Has.Some.Matches<object>(v => v is string s && (s.Contains("OR", StringComparison.Ordinal) || s.Contains("DROP", StringComparison.Ordinal))));
            Assert.That(contacts, Is.EqualTo(12), "both portals' contacts are still there");
        });
    }

    [Test]
    public void CustomFieldCode_IsBoundAsAParameter_NotSpliced()
    {
        var tree = SegmentParser.Parse("contact.custom.UF_CRM_X = \"a\"").Expression!;

        var sql = SegmentCompiler.Compile(tree, SegmentRig.Now);

        Assert.Multiple(() =>
        {
            Assert.That(sql.Where, Does.Not.Contain("UF_CRM_X"));
            Assert.That(sql.Parameters.Values, Does.Contain("$.\"UF_CRM_X\""));
        });
    }
}
