namespace Connector.Tracking.Hits;

/// <summary>What a hit was; mirrored by <c>engagement_hits.kind</c>'s CHECK (<see cref="HitKinds.Sql"/>).</summary>
public enum HitKind
{
    Open,
    Click,
    Unsubscribe,
}
