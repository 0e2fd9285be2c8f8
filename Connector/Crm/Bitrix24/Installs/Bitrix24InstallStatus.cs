namespace Connector.Crm.Bitrix24.Installs;

public static class Bitrix24InstallStatus
{
    public const string Active = "active";
    public const string NeedsReauthorization = "needs_reauth";
    public const string Uninstalled = "uninstalled";
}
