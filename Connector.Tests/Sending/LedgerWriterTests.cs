using System.Globalization;
using Connector.Sending.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sending;

/// <summary>
/// The runner's hot writes: a <c>sending</c> mark commits at once (and only for the runner's own row); outcomes are
/// group-committed with the next mark, at <c>maxPending</c>, after <see cref="LedgerWriter.MaxDelay"/>, or on flush.
/// </summary>
[CancelAfter(120_000)]
public sealed class LedgerWriterTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-02T12:00:00Z", CultureInfo.InvariantCulture);

    private static async Task<string> StateAsync(RunnerRig run, long id, CancellationToken cancellationToken) =>
        (await run.RowsAsync("campaign:w", cancellationToken)).Single(r => r.Id == id).State;

    [Test]
    public async Task MarkSending_CommitsAtOnce_OnlyForTheRunnersOwnRow(CancellationToken cancellationToken)
    {
        using var run = new RunnerRig(new FakeTimeProvider(Noon));
        var rows = await run.ReservedAsync("campaign:w", 2, "runner-1", cancellationToken);
        await using var writer = await run.Store.OpenWriterAsync(4, cancellationToken);
        var mine = writer.MarkSending(rows[0].Id, "runner-1", "<m1@example.com>", cancellationToken);
        var theirs = writer.MarkSending(rows[1].Id, "runner-2", "<m2@example.com>", cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That((mine, theirs), Is.EqualTo((true, false)));
            Assert.That(await StateAsync(run, rows[0].Id, cancellationToken), Is.EqualTo(LedgerState.Sending), "read on another connection");
            Assert.That(await StateAsync(run, rows[1].Id, cancellationToken), Is.EqualTo(LedgerState.Queued));
        });
    }

    [Test]
    public async Task Finish_HeldUntilTheNextMark_ThenBothCommittedTogether(CancellationToken cancellationToken)
    {
        using var run = new RunnerRig(new FakeTimeProvider(Noon));
        var rows = await run.ReservedAsync("campaign:w", 2, "runner-1", cancellationToken);
        await using var writer = await run.Store.OpenWriterAsync(4, cancellationToken);
        writer.MarkSending(rows[0].Id, "runner-1", "<m1@example.com>", cancellationToken);
        writer.Finish(rows[0].Id, LedgerState.Sent, null, "<m1@example.com>", 250, null);
        var held = await StateAsync(run, rows[0].Id, cancellationToken);
        var pending = writer.Pending;
        writer.MarkSending(rows[1].Id, "runner-1", "<m2@example.com>", cancellationToken);
        Assert.Multiple(async () =>
        {
            Assert.That((held, pending), Is.EqualTo((LedgerState.Sending, 1)), "an outcome is held, and a crash now would leave the row sending (unknown, never resent)");
            Assert.That(await StateAsync(run, rows[0].Id, cancellationToken), Is.EqualTo(LedgerState.Sent));
            Assert.That(await StateAsync(run, rows[1].Id, cancellationToken), Is.EqualTo(LedgerState.Sending));
            Assert.That(writer.Pending, Is.Zero);
        });
    }

    [Test]
    public async Task Finish_AtMaxPending_CommitsWithoutAMark(CancellationToken cancellationToken)
    {
        using var run = new RunnerRig(new FakeTimeProvider(Noon));
        var rows = await run.ReservedAsync("campaign:w", 3, "runner-1", cancellationToken);
        await using var writer = await run.Store.OpenWriterAsync(3, cancellationToken);
        foreach (var row in rows)
        {
            writer.MarkSending(row.Id, "runner-1", null, cancellationToken);
        }

        writer.Finish(rows[0].Id, LedgerState.Sent, null, null, 250, null);
        writer.Finish(rows[1].Id, LedgerState.Failed, null, null, 550, "5.1.1 no such user");
        var afterTwo = await StateAsync(run, rows[1].Id, cancellationToken);
        writer.Finish(rows[2].Id, LedgerState.Deferred, Noon.AddMinutes(2), null, 451, "4.7.1 try later");
        var states = (await run.RowsAsync("campaign:w", cancellationToken)).OrderBy(r => r.Id).Select(r => r.State);
        Assert.Multiple(() =>
        {
            Assert.That(afterTwo, Is.EqualTo(LedgerState.Sending));
            Assert.That(states, Is.EqualTo(new[] { LedgerState.Sent, LedgerState.Failed, LedgerState.Deferred }));
        });
    }

    [Test]
    public async Task FlushIfDue_OnlyOnceTheOldestOutcomeWaitedMaxDelay(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(Noon);
        using var run = new RunnerRig(time);
        var rows = await run.ReservedAsync("campaign:w", 1, "runner-1", cancellationToken);
        await using var writer = await run.Store.OpenWriterAsync(8, cancellationToken);
        writer.MarkSending(rows[0].Id, "runner-1", null, cancellationToken);
        writer.Finish(rows[0].Id, LedgerState.Sent, null, null, 250, null);
        writer.FlushIfDue();
        var early = await StateAsync(run, rows[0].Id, cancellationToken);
        time.Advance(LedgerWriter.MaxDelay);
        writer.FlushIfDue();
        Assert.That((early, await StateAsync(run, rows[0].Id, cancellationToken)), Is.EqualTo((LedgerState.Sending, LedgerState.Sent)));
    }

    [Test]
    public async Task DisposeAsync_CommitsWhatIsHeld(CancellationToken cancellationToken)
    {
        using var run = new RunnerRig(new FakeTimeProvider(Noon));
        var rows = await run.ReservedAsync("campaign:w", 1, "runner-1", cancellationToken);
        await using (var writer = await run.Store.OpenWriterAsync(8, cancellationToken))
        {
            writer.MarkSending(rows[0].Id, "runner-1", null, cancellationToken);
            writer.Finish(rows[0].Id, LedgerState.Sent, null, null, 250, null);
        }

        Assert.That(await StateAsync(run, rows[0].Id, cancellationToken), Is.EqualTo(LedgerState.Sent));
    }

    [Test]
    public async Task Checkpoint_ManyMarks_TheWriterLeftTheWalToItAndItCopiesAllBack(CancellationToken cancellationToken)
    {
        using var run = new RunnerRig(new FakeTimeProvider(Noon));
        var rows = await run.ReservedAsync("campaign:w", 1500, "runner-1", cancellationToken);
        await using var writer = await run.Store.OpenWriterAsync(4, cancellationToken);
        foreach (var row in rows)
        {
            writer.MarkSending(row.Id, "runner-1", $"<m{row.Id}@example.com>", cancellationToken);
        }

        var (walPages, copied) = writer.Checkpoint();
        Assert.Multiple(() =>
        {
            Assert.That(walPages, Is.GreaterThan(1000), "past SQLite's default the writer's own commits would have checkpointed (fsyncs under the write gate)");
            Assert.That(copied, Is.EqualTo(walPages), "a passive checkpoint with no reader in the way copies every page");
        });
    }

    [Test]
    public async Task DisposeAsync_PooledConnectionsGoBackWithSqlitesDefaultCheckpoint(CancellationToken cancellationToken)
    {
        using var run = new RunnerRig(new FakeTimeProvider(Noon));
        await using (var writer = await run.Store.OpenWriterAsync(4, cancellationToken))
        {
            Assert.That(await AutoCheckpointAsync(writer.Connection, cancellationToken), Is.EqualTo(LedgerWriter.BackstopPages));
        }

        await using var first = await run.Ledger.Connections.OpenAsync(cancellationToken);
        await using var second = await run.Ledger.Connections.OpenAsync(cancellationToken);
        Assert.That((await AutoCheckpointAsync(first, cancellationToken), await AutoCheckpointAsync(second, cancellationToken)), Is.EqualTo((1000, 1000)));
    }

    private static async Task<long> AutoCheckpointAsync(Microsoft.Data.Sqlite.SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
