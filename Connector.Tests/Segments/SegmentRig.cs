using Connector.Segments;
using Connector.Store;

namespace Connector.Tests.Segments;

/// <summary>A migrated store in a temporary folder with the Segments services over it; the clock is fixed at <see cref="Now"/>.</summary>
internal sealed class SegmentRig : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("segments-").FullName;

    public SegmentRig()
    {
        Connections = new SqliteConnectionFactory(StorePath);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        new MigrationRunner(Connections, time).ApplyAsync(TestContext.CurrentContext.CancellationToken).GetAwaiter().GetResult();
        Store = new SegmentStore(Connections, time);
        Evaluator = new SegmentEvaluator(Store, time);
        Queries = new SegmentQueries(Connections);
    }

    public string StorePath => Path.Combine(_folder, "s.db");

    public SqliteConnectionFactory Connections { get; }

    public SegmentStore Store { get; }

    public SegmentEvaluator Evaluator { get; }

    public SegmentQueries Queries { get; }

    public async Task WriteAsync(MirrorModel model, CancellationToken cancellationToken)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        MirrorModelWriter.Write(connection, model);
    }

    /// <summary>The ids the compiled expression selects in portal 1; throws with the error when it does not compile.</summary>
    public async Task<IReadOnlyList<long>> IdsAsync(string expression, CancellationToken cancellationToken)
    {
        var prepared = await Evaluator.PrepareAsync(expression, cancellationToken);
        Assert.That(prepared.Error, Is.Null, expression);
        var ids = new List<long>();
        await foreach (var id in Queries.ContactIdsAsync(1, prepared.Sql!, cancellationToken))
        {
            ids.Add(id);
        }

        return ids;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
