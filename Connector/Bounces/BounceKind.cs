namespace Connector.Bounces;

/// <summary>What a bounce event is; the lower-case names are <c>bounce_events.kind</c> (0008's CHECK).</summary>
public enum BounceKind
{
    Hard,
    Soft,
    Policy,
    Complaint,
}
