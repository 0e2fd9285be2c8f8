namespace Connector.Store.Copy;

/// <summary>What <see cref="StoreCopy"/> did with one table.</summary>
public enum TableCopyStatus
{
    /// <summary>Copied (the target's rows, if any, were from an interrupted run: truncated first).</summary>
    Copied,

    /// <summary>The target already held the same rows (same count and checksum): nothing copied.</summary>
    AlreadyComplete,

    /// <summary>Deliberately not copied (Quartz's scheduler state).</summary>
    Skipped,
}
