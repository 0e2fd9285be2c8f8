namespace Connector.Reports.Ui;

/// <summary>
/// One bar of the reaction-time histogram: messages whose first human open (or click) came at least <see cref="FromSeconds"/>
/// and less than <see cref="ToSeconds"/> (null: no upper bound) after the send.
/// </summary>
public sealed record ReactionBucket(long FromSeconds, long? ToSeconds, long Opens, long Clicks);
