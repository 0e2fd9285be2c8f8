namespace Connector.Sending.Queue;

/// <summary>Wakes serve's runner when a letter was queued, so it does not wait for its next poll.</summary>
public sealed class QueuedLetterSignal
{
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Volatile.Read(ref _pulse).TrySetResult();

    /// <summary>Returns on a pulse (one since the last wait counts) or after <paramref name="timeout"/>; throws when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pulse = Volatile.Read(ref _pulse);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, stop.Token);
        await Task.WhenAny(pulse.Task, delay);
        await stop.CancelAsync();
        if (pulse.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _pulse, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), pulse);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
