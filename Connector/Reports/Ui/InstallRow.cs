namespace Connector.Reports.Ui;

/// <summary>The portal's app install: active, needs_reauth or uninstalled (nominal for Dapper).</summary>
public sealed record InstallRow
{
    public string Status { get; init; } = "";

    public string Domain { get; init; } = "";
}
