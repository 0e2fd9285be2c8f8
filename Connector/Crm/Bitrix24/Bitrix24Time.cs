namespace Connector.Crm.Bitrix24;

/// <summary>The <c>time</c> object (data-types.md#time). <c>operating*</c> are sometimes missing.</summary>
public sealed record Bitrix24Time
{
    public double Start { get; init; }

    public double Finish { get; init; }

    public double Duration { get; init; }

    public double Processing { get; init; }

    /// <summary>Seconds this method used for this app in the last 10 minutes.</summary>
    public double? Operating { get; init; }

    /// <summary>Unix time when the oldest one-minute basket drops out.</summary>
    public long? OperatingResetAt { get; init; }
}
