namespace Connector.Timeline;

/// <summary>The slice's one use case, as the job and the tests call it: produce, apply CRM opt-outs, dispatch.</summary>
public sealed class TimelineWriteBack(TimelineProducer producer, OptOutWatcher optOut, TimelineDispatcher dispatcher)
{
    public async Task<TimelineRun> RunAsync(CancellationToken cancellationToken)
    {
        var produced = await producer.RunAsync(cancellationToken);
        var changes = await optOut.RunAsync(cancellationToken);
        var pass = await dispatcher.RunAsync(cancellationToken);
        return new TimelineRun(produced, changes, pass);
    }
}
