using Connector.Store;
using Connector.Sync;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Store;

[TestFixtureSource(typeof(StoreProviders), nameof(StoreProviders.All))]
[CancelAfter(120_000)]
public sealed class SqliteMirrorStorePortalsTests(StoreProvider provider)
{
    private IStoreConnections? _connections;

    [TearDown]
    public async Task Release() => await StoreProviders.ReleaseAsync(_connections);

    [Test]
    public async Task ForgetUnansweredPortalAsync_OnlyARowThePassMadeAndNothingAnswered_Dropped()
    {
        var connections = _connections = await StoreProviders.CreateAsync(provider, TestContext.CurrentContext.CancellationToken);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var sut = new SqliteMirrorStore(connections, time);
        var phantom = await sut.EnsurePortalAsync("wrong#1", "wrong", "webhook", TestContext.CurrentContext.CancellationToken);
        var answered = await sut.EnsurePortalAsync("ok#1", "ok", "webhook", TestContext.CurrentContext.CancellationToken);
        await sut.UpsertPipelinesAsync(answered, [new CrmPipeline(0, "General", 0, true)], [], TestContext.CurrentContext.CancellationToken);
        var earlier = await sut.EnsurePortalAsync("events#1", "events", "webhook", TestContext.CurrentContext.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));
        await sut.EnsurePortalAsync("events#1", "events", "webhook", TestContext.CurrentContext.CancellationToken);

        var dropped = (await sut.ForgetUnansweredPortalAsync(phantom, TestContext.CurrentContext.CancellationToken), await sut.ForgetUnansweredPortalAsync(answered, TestContext.CurrentContext.CancellationToken),
            await sut.ForgetUnansweredPortalAsync(earlier, TestContext.CurrentContext.CancellationToken));

        var keys = await new MirrorQueries(connections).PortalKeysAsync(TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(dropped, Is.EqualTo((true, false, false)));
            Assert.That(keys, Is.EqualTo(new[] { "ok#1", "events#1" }));
        });
    }
}
