using Connector.Segments;
using Dapper;
using FsCheck;
using FsCheck.Fluent;

namespace Connector.Tests.Segments;

/// <summary>
/// FsCheck: on random real SQLite mirrors, the compiled SQL of random segment trees selects exactly the contacts the
/// plain C# reference evaluator (<see cref="SegmentReferenceEvaluator"/>) selects. 150 mirrors × 12 trees a run.
/// </summary>
[CancelAfter(300_000)]
public sealed class SegmentPropertyTests
{
    [Test]
    public async Task CompiledSql_OnRandomMirrors_AgreesWithTheReferenceEvaluator()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        using var rig = new SegmentRig();
        await using var connection = await rig.Connections.OpenAsync(ct);
        var checkedTrees = 0;
        var nonEmpty = 0;
        var gen = Gen.Zip(SegmentGenerators.Mirror, Gen.ArrayOf(SegmentGenerators.Expression, 12));
        var property = Prop.ForAll(Arb.From(gen), input =>
        {
            var (model, trees) = input;
            MirrorModelWriter.Write(connection, model);
            var reference = new SegmentReferenceEvaluator(model, SegmentRig.Now);
            foreach (var tree in trees)
            {
                var sql = SegmentCompiler.Compile(tree, SegmentRig.Now);
                var actual = connection.Query<long>(SegmentQueries.IdsSql(sql), SegmentQueries.Arguments(1, sql)).ToList();
                var expected = reference.ContactIds(tree);
                if (!actual.SequenceEqual(expected))
                {
                    throw new AssertionException($"tree {tree}\nSQL {sql.Where}\nexpected [{string.Join(",", expected)}] got [{string.Join(",", actual)}]");
                }

                checkedTrees++;
                nonEmpty += actual.Count > 0 ? 1 : 0;
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);

        Assert.Multiple(() =>
        {
            Assert.That(checkedTrees, Is.GreaterThanOrEqualTo(150 * 12));
            // The generators must make conditions that do match: a property over empty answers proves nothing.
            Assert.That(nonEmpty, Is.GreaterThan(checkedTrees / 5), $"{nonEmpty} of {checkedTrees} trees selected someone");
        });
    }
}
