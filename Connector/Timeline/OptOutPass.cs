namespace Connector.Timeline;

/// <summary>One pass of the opt-out watcher: contact rows it read (only those changed since its position) and changes it acted on.</summary>
public sealed record OptOutPass(int Read, int Changed);
