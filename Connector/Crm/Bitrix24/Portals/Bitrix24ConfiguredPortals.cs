namespace Connector.Crm.Bitrix24.Portals;

/// <summary>
/// The portals this process is configured for besides the app installs in the store: the incoming webhook, or a
/// sandbox the CLI starts in-process. Resolved lazily, since a sandbox URL is known only once it listens.
/// </summary>
public sealed record Bitrix24ConfiguredPortals(Func<CancellationToken, Task<IReadOnlyList<Bitrix24Portal>>> ListAsync)
{
    public static Bitrix24ConfiguredPortals None { get; } = new(_ => Task.FromResult<IReadOnlyList<Bitrix24Portal>>([]));

    public static Bitrix24ConfiguredPortals Of(params Bitrix24Portal[] portals) => new(_ => Task.FromResult<IReadOnlyList<Bitrix24Portal>>(portals));
}
