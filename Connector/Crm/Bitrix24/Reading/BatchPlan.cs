namespace Connector.Crm.Bitrix24.Reading;

/// <summary>One batch to send: its commands, and which of them belong to which one-off call or chain.</summary>
public sealed record BatchPlan(
    IReadOnlyList<Bitrix24BatchCommand> Commands,
    IReadOnlyDictionary<string, SingleCall> Singles,
    IReadOnlyDictionary<ListChain, IReadOnlyList<Bitrix24BatchCommand>> Pages);
