namespace Connector.Bounces;

/// <summary>The text forms of <see cref="BounceKind"/> in <c>bounce_events.kind</c> and in the hook's JSON.</summary>
public static class BounceKinds
{
    public static string ToText(this BounceKind kind) => kind switch
    {
        BounceKind.Hard => "hard",
        BounceKind.Soft => "soft",
        BounceKind.Policy => "policy",
        BounceKind.Complaint => "complaint",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
