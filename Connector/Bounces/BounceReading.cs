namespace Connector.Bounces;

/// <summary>The reading of one mailbox message: its kind, the notices it carries, why it is malformed, and the VERP tokens in it that did not verify.</summary>
public sealed record BounceReading(BounceReadingKind Kind, IReadOnlyList<BounceNotice> Notices, string? Problem, IReadOnlyList<string> UnknownTokens)
{
    public static BounceReading Of(IReadOnlyList<BounceNotice> notices, IReadOnlyList<string> unknownTokens) => new(BounceReadingKind.Bounces, notices, null, unknownTokens);

    public static BounceReading AutoReply { get; } = new(BounceReadingKind.AutoReply, [], null, []);

    public static BounceReading NotABounce(IReadOnlyList<string> unknownTokens) => new(BounceReadingKind.NotABounce, [], null, unknownTokens);

    public static BounceReading Malformed(string problem, IReadOnlyList<string>? unknownTokens = null) => new(BounceReadingKind.Malformed, [], problem, unknownTokens ?? []);
}
