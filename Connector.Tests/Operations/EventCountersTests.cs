using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Connector.Bounces;
using Connector.Operations.Telemetry;
using Connector.Sending.Tokens;
using Connector.Tests.Bounces;
using Connector.Tracking;
using Connector.Tracking.Hits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Operations;

/// <summary>The slices' one-line hooks reach the <c>CrmEspBridge</c> meter: bounces and complaints as recorded, tracking hits as taken in.</summary>
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class EventCountersTests
{
    [Test]
    public async Task Record_HardSoftBouncesAndAComplaint_CountedByKind_ADuplicateNotAgain(CancellationToken cancellationToken)
    {
        using var listener = Listen(out var counts);
        using var rig = new BounceRig(new FakeTimeProvider(DateTimeOffset.UnixEpoch));

        await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Hard, "a@example.org", "5.1.1", null, null), "hook", "m-1", cancellationToken);
        await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Hard, "a@example.org", "5.1.1", null, null), "hook", "m-1", cancellationToken);
        await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Soft, "b@example.org", "4.2.2", null, null), "hook", "m-2", cancellationToken);
        await rig.Recorder.RecordAsync(new BounceNotice(BounceKind.Complaint, "c@example.org", null, null, null), "hook", "m-3", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(counts.GetValueOrDefault("crm_esp.bounces|kind=hard"), Is.EqualTo(1), "the same mailbox message twice is one event");
            Assert.That(counts.GetValueOrDefault("crm_esp.bounces|kind=soft"), Is.EqualTo(1));
            Assert.That(counts.GetValueOrDefault("crm_esp.complaints|"), Is.EqualTo(1));
            Assert.That(counts.Keys.Where(k => k.StartsWith("crm_esp.bounces", StringComparison.Ordinal)), Has.None.Contains("complaint"));
        });
    }

    [Test]
    public async Task Record_OpenClickUnsubscribe_EachCountedByKindAsTakenIn()
    {
        using var listener = Listen(out var counts);
        var folder = Directory.CreateTempSubdirectory("crm-esp-hits-").FullName;
        try
        {
            using var recorder = new HitRecorder(new Connector.Store.SqliteConnectionFactory(Path.Combine(folder, "s.db")), Options.Create(new TrackingHitOptions()),
                TimeProvider.System, NullLogger<HitRecorder>.Instance);
            var message = new MessageRef(1, 2);
            var agent = new AgentVerdict(AgentClass.Browser, null);

            // Not started: the hits wait in the queue; intake is what is counted.
            _ = recorder.RecordAsync(new TrackingHit(HitKind.Open, message, DateTimeOffset.UnixEpoch, agent));
            _ = recorder.RecordAsync(new TrackingHit(HitKind.Open, message, DateTimeOffset.UnixEpoch, agent));
            _ = recorder.RecordAsync(new TrackingHit(HitKind.Click, message, DateTimeOffset.UnixEpoch, agent) { Url = "https://example.org/" });
            _ = recorder.RecordAsync(new TrackingHit(HitKind.Unsubscribe, message, DateTimeOffset.UnixEpoch, agent));
            await Task.Yield();

            Assert.That(new[] { "open", "click", "unsubscribe" }.Select(k => counts.GetValueOrDefault($"crm_esp.tracking.hits|kind={k}")), Is.EqualTo(new long[] { 2, 1, 1 }));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static MeterListener Listen(out ConcurrentDictionary<string, long> counts)
    {
        var seen = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        counts = seen;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, ConnectorTelemetry.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            seen.AddOrUpdate($"{instrument.Name}|{labels}", value, (_, c) => c + value);
        });
        listener.Start();
        return listener;
    }
}
