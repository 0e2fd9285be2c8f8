namespace Connector.Rfm;

/// <summary>A portal's last refresh as <c>rfm_runs</c> holds it.</summary>
public sealed record RfmRunRow
{
    public string ComputedAt { get; init; } = "";

    public string? Currency { get; init; }

    public long Contacts { get; init; }
}
