using Connector.Tests.TestSupport;
using Connector.Crm.Bitrix24.Timeline;
using Connector.Host;
using Connector.Timeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace Connector.Tests.Timeline;

/// <summary>AddTimeline in the one composition: its job in serve's one scheduler, the port resolved, webhook mode's notice at start.</summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class TimelineCompositionTests
{
    [Test]
    public async Task AddConnector_Serve_TimelineJobInTheOneSchedulerAndWriteBackResolves()
    {
        var collection = new ServiceCollection();
        await using var services = Compose(new Dictionary<string, string?> { ["Timeline:IntervalSeconds"] = "7" }, collection);
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var triggers = (await scheduler.GetTriggersOfJob(TimelineDispatchJob.Key)).OfType<ISimpleTrigger>().Select(t => t.RepeatInterval).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(triggers, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
            Assert.That(typeof(TimelineDispatchJob).IsDefined(typeof(DisallowConcurrentExecutionAttribute), false), Is.True);
            Assert.That(services.GetService<TimelineWriteBack>(), Is.Not.Null);
            Assert.That(services.GetRequiredService<ICrmTimeline>(), Is.TypeOf<Bitrix24Timeline>());
            Assert.That(collection.Any(d => d.ImplementationType == typeof(Bitrix24WebhookTimelineNotice)), Is.False, "no webhook configured");
        });
    }

    [Test]
    public async Task AddConnector_TimelineDisabled_NoTimelineJob()
    {
        await using var services = Compose(new Dictionary<string, string?> { ["Timeline:Enabled"] = "false" });
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        Assert.That(await scheduler.GetJobDetail(TimelineDispatchJob.Key), Is.Null);
    }

    [Test]
    public async Task AddConnector_WebhookMode_OneNoticeAtStartThatTriggersAreLeftOut()
    {
        var collection = new ServiceCollection();
        await using var services = Compose(new Dictionary<string, string?> { ["Bitrix24:WebhookUrl"] = "https://portal.example/rest/1/abc123/" }, collection);
        var logger = new ListLogger<Bitrix24WebhookTimelineNotice>();

        await new Bitrix24WebhookTimelineNotice(logger).StartAsync(TestContext.CurrentContext.CancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(collection.Count(d => d.ImplementationType == typeof(Bitrix24WebhookTimelineNotice)), Is.EqualTo(1));
            Assert.That(logger.Lines, Has.Count.EqualTo(1));
            Assert.That(logger.Lines[0], Does.Contain("crm.timeline.comment.add").And.Contain("triggers are left out"));
        });
    }

    [TestCase(0, "ru", "Timeline:IntervalSeconds")]
    [TestCase(10, "de", "Timeline:Language")]
    public void Validate_BadValue_NamesTheKey(int interval, string language, string key) =>
        Assert.That(new TimelineOptionsValidator().Validate(null, new TimelineOptions { IntervalSeconds = interval, Language = language }).FailureMessage, Does.StartWith(key));

    private static ServiceProvider Compose(Dictionary<string, string?> settings, ServiceCollection? collection = null) => ServeComposition.Compose(settings, collection: collection);

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
