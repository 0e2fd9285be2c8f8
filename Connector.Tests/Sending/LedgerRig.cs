using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Store;

namespace Connector.Tests.Sending;

/// <summary>
/// A migrated store file in a temporary folder with the ledger over it, and a letter source for one sample letter. The
/// migration takes the running test's token (fired by [CancelAfter]).
/// </summary>
internal sealed class LedgerRig : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-").FullName;

    public LedgerRig(TimeProvider time)
    {
        Connections = new SqliteConnectionFactory(Path.Combine(_folder, "s.db"));
        new MigrationRunner(Connections, time).ApplyAsync(TestContext.CurrentContext.CancellationToken).GetAwaiter().GetResult();
        Ledger = new SendLedgerStore(Connections, time);
    }

    public SqliteConnectionFactory Connections { get; }

    public SendLedgerStore Ledger { get; }

    public static IEnumerable<(string, long)> Recipients(int count, string domain = "example.org") =>
        Enumerable.Range(1, count).Select(i => ($"r{i}@{domain}", (long)i));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    public sealed class SampleLetters : ILetterSource
    {
        public Task<(Letter Letter, SendContext Context)?> PrepareAsync(LedgerRow row, CancellationToken cancellationToken) =>
            Task.FromResult<(Letter, SendContext)?>((SendingRig.SampleLetter, SendingRig.Campaign));
    }
}
