namespace Connector.Reports;

/// <summary>A send_keys row (nominal for Dapper): what the key is, the portal of its contacts, the deal it belongs to.</summary>
public sealed record ReportSendKey
{
    public string SendKey { get; init; } = "";

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    public long? PortalId { get; init; }

    public long? DealId { get; init; }
}
