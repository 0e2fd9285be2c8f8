using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>The dedicated threads synchronous SMTP sends run on.</summary>
[CancelAfter(120_000)]
public sealed class SmtpSendThreadsTests
{
    [Test]
    public async Task RunAsync_Work_RunsOnADedicatedThreadNotThePool()
    {
        using var threads = new SmtpSendThreads(2, "test-send");
        var (name, pooled) = await threads.RunAsync(() => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
        Assert.That((name, pooled), Is.EqualTo(("test-send-0", false)).Or.EqualTo(("test-send-1", false)));
    }

    [Test]
    public void RunAsync_WorkThrows_TheTaskCarriesTheException()
    {
        using var threads = new SmtpSendThreads(1, "test-send");
        Assert.That(() => threads.RunAsync<int>(() => throw new IOException("connection reset")), Throws.InstanceOf<IOException>().With.Message.EqualTo("connection reset"));
    }

    [Test]
    public async Task RunAsync_ManyAtOnce_EveryResultComesBack()
    {
        using var threads = new SmtpSendThreads(3, "test-send");
        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => threads.RunAsync(() => i * 2)));
        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 500).Select(i => i * 2)));
    }

    [Test]
    public async Task Dispose_FromASendThread_ReturnsAndLaterWorkIsRefused()
    {
        var threads = new SmtpSendThreads(2, "test-send");
        using var gate = new ManualResetEventSlim();
        var work = threads.RunAsync(() => gate.Wait(TimeSpan.FromSeconds(30)));

        // A caller's continuation runs on the send thread that finished the work; disposing there must not wait for itself.
        string? disposedOn = null;
        var after = work.ContinueWith(_ =>
        {
            disposedOn = Thread.CurrentThread.Name;
            threads.Dispose();
        }, TestContext.CurrentContext.CancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        gate.Set();
        await after;
        Assert.Multiple(() =>
        {
            Assert.That(disposedOn, Does.StartWith("test-send-"));
            Assert.That(() => threads.RunAsync(() => 2), Throws.InstanceOf<InvalidOperationException>());
        });
    }
}
