using Connector.Store;

namespace Connector.Timeline;

/// <summary>A new outbox entry; <see cref="DedupeKey"/> makes a second insert of the same (message, kind, target) a no-op.</summary>
public sealed record TimelineOutboxInsert(string DedupeKey, TimelineFact Fact, TimelineAction Action)
{
    internal object ToParameters(string now) => new
    {
        DedupeKey,
        Fact.PortalId,
        Fact.ContactId,
        Fact.DealId,
        Fact.LedgerId,
        Kind = TimelineNames.Of(Fact.Kind),
        Action = TimelineNames.Of(Action),
        Fact.Name,
        Fact.Url,
        OccurredAt = UtcText.From(Fact.At),
        Now = now,
    };
}
