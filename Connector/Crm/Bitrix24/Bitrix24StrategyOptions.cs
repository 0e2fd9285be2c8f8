using Polly;

namespace Connector.Crm.Bitrix24;

/// <summary>Options carrier for the custom strategies of the "bitrix24" pipeline (they have nothing to tune).</summary>
public sealed class Bitrix24StrategyOptions : ResilienceStrategyOptions
{
    public Bitrix24StrategyOptions(string name)
    {
        Name = name;
    }
}
