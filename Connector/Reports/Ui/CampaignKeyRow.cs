namespace Connector.Reports.Ui;

/// <summary>A campaign's send key with its scheduled campaign when it is one (nominal for Dapper).</summary>
public sealed record CampaignKeyRow
{
    public string SendKey { get; init; } = "";

    public string Name { get; init; } = "";

    public string CreatedAt { get; init; } = "";

    /// <summary>The scheduled campaign (<c>scheduled-campaign:ID</c>); null for a CLI campaign.</summary>
    public long? CampaignId { get; init; }

    public string? State { get; init; }

    /// <summary>single, ab or bandit.</summary>
    public string? Mode { get; init; }

    public string? TemplateName { get; init; }
}
