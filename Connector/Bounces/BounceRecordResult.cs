namespace Connector.Bounces;

/// <summary>What recording one notice did: a new <c>bounce_events</c> row (false: recorded before), and whether it suppressed the address now.</summary>
public readonly record struct BounceRecordResult(bool Recorded, bool Suppressed);
