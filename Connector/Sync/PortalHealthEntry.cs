namespace Connector.Sync;

/// <summary>How a portal's sync passes went lately: the last success and failure, failures in a row, the last error.</summary>
public sealed record PortalHealthEntry(string Portal, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, int ConsecutiveFailures, string? LastError)
{
    public bool Healthy => ConsecutiveFailures == 0;
}
