namespace Connector.Sending;

/// <summary>
/// Registered when no CRM and no relay are configured: the sandbox writes every message as an <c>.eml</c> file into
/// this folder (beside the store) instead of sending it. DKIM keys for <see cref="Domain"/> are made on first use.
/// </summary>
public sealed record SandboxPickup(string Folder)
{
    /// <summary>The sandbox's sending domain (reserved by RFC 2606/6761: no real mailbox is ever under it).</summary>
    public const string Domain = "sandbox.example";
}
