namespace Connector.Reports.Ui;

/// <summary>A recipient domain paused after a policy block (send_pauses; nominal for Dapper).</summary>
public sealed record PauseRow
{
    public string Domain { get; init; } = "";

    public string PausedUntil { get; init; } = "";

    public string? Detail { get; init; }
}
