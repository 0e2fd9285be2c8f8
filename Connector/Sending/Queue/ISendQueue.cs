namespace Connector.Sending.Queue;

/// <summary>
/// The one door other slices (the API, the scenario engine, the CRM robot) use to send a message from <c>serve</c>:
/// the letter is stored with everything needed to render it again (template, contact, deal, variables), so the runner
/// hosted in <c>serve</c> delivers it after a restart too. Idempotent by <see cref="QueuedLetter.SendKey"/> and
/// recipient: enqueueing the same (key, recipient) twice gives the first row back with <see cref="QueuedLetterResult.Created"/> false.
/// Suppression, validation and the frequency cap apply as for campaigns; a refused letter is a value, not an exception.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The architecture's name for the port; it is a queue.")]
public interface ISendQueue
{
    Task<QueuedLetterResult> EnqueueAsync(QueuedLetter letter, CancellationToken cancellationToken);

    /// <summary>A page of letters (a campaign's launch), results in order; the store's queue writes a page in one transaction.</summary>
    async Task<IReadOnlyList<QueuedLetterResult>> EnqueueManyAsync(IReadOnlyList<QueuedLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var results = new List<QueuedLetterResult>(letters.Count);
        foreach (var letter in letters)
        {
            results.Add(await EnqueueAsync(letter, cancellationToken));
        }

        return results;
    }
}
