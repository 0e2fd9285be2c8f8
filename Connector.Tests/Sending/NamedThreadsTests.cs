using Connector.Sending.Threading;

namespace Connector.Tests.Sending;

/// <summary>The named dedicated threads the compose stage and the SMTP senders run on.</summary>
[CancelAfter(60_000)]
public sealed class NamedThreadsTests
{
    [Test]
    public void Post_Work_RunsOnANamedThreadNotThePool()
    {
        using var threads = new Probe(2, "probe");
        var (name, pooled, own) = threads.RunAndWait(() => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread, threads.IsOwn));
        Assert.Multiple(() =>
        {
            Assert.That(name, Is.EqualTo("probe-0").Or.EqualTo("probe-1"));
            Assert.That(pooled, Is.False);
            Assert.That(own, Is.True, "the work knows it runs on one of these threads");
            Assert.That(threads.IsOwn, Is.False, "the test's own thread is not one of them");
        });
    }

    [Test]
    public void Post_MoreThanThreads_EachItemRunsOnceOnAsManyThreadsAsThereAre()
    {
        using var threads = new Probe(3, "probe");
        var names = new System.Collections.Concurrent.ConcurrentBag<string?>();
        var ran = 0;
        using var all = new CountdownEvent(300);
        for (var i = 0; i < 300; i++)
        {
            Assert.That(threads.Post(() =>
            {
                names.Add(Thread.CurrentThread.Name);
                Interlocked.Increment(ref ran);
                all.Signal();
            }), Is.True);
        }

        Assert.That(all.Wait(TimeSpan.FromSeconds(30)), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.EqualTo(300));
            Assert.That(names.Distinct().Order(), Is.SubsetOf(new[] { "probe-0", "probe-1", "probe-2" }));
        });
    }

    [Test]
    public void Dispose_QueuedWorkFinishesFirst_LaterWorkIsRefused()
    {
        var threads = new Probe(1, "probe");
        using var gate = new ManualResetEventSlim();
        var finished = 0;
        threads.Post(() => gate.Wait(TimeSpan.FromSeconds(30)));
        threads.Post(() => Interlocked.Increment(ref finished));
        var disposing = Task.Run(threads.Dispose);
        gate.Set();
        Assert.Multiple(() =>
        {
            Assert.That(disposing.Wait(TimeSpan.FromSeconds(30)), Is.True);
            Assert.That(finished, Is.EqualTo(1), "work queued before Dispose ran");
            Assert.That(threads.Post(() => { }), Is.False);
        });
    }

    private sealed class Probe(int count, string name) : NamedThreads(count, name)
    {
        public bool IsOwn => OnOwnThread;

        public bool Post(Action work) => TryPost(work);

        public T RunAndWait<T>(Func<T> work)
        {
            T result = default!;
            using var done = new ManualResetEventSlim();
            Post(() =>
            {
                result = work();
                done.Set();
            });
            done.Wait(TimeSpan.FromSeconds(30));
            return result;
        }
    }
}
