namespace Connector.Sync;

/// <summary>What one round of applying a portal's inbox did.</summary>
public sealed record ChangeApplyResult(int Events, int ContactsRead, int DealsRead, int Deleted, int Transitions, long Requests, string? Failure)
{
    public static readonly ChangeApplyResult None = new(0, 0, 0, 0, 0, 0, null);
}
