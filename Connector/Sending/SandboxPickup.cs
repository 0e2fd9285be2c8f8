namespace Connector.Sending;

/// <summary>
/// Registered when no CRM and no relay are configured: the sandbox writes every message as an <c>.eml</c> file into
/// this folder (beside the store) instead of sending it.
/// </summary>
public sealed record SandboxPickup(string Folder);
