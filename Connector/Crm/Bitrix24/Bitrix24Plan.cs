namespace Connector.Crm.Bitrix24;

/// <summary>Leaky-bucket parameters of a portal's plan: drain per second and burst (limits.md).</summary>
public sealed record Bitrix24Plan(double DrainPerSecond, int Burst)
{
    public static readonly Bitrix24Plan Standard = new(2, 50);
    public static readonly Bitrix24Plan Enterprise = new(5, 250);
}
