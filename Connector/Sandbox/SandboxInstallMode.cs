namespace Connector.Sandbox;

/// <summary>How the app learns of its installation (settings/app-installation/mass-market-apps/index.md).</summary>
public enum SandboxInstallMode
{
    /// <summary>The installer page is opened with a POST; it must call <c>BX24.installFinish()</c> (installation-master.md).</summary>
    InstallerPage,

    /// <summary>A UI-less app gets the ONAPPINSTALL event at its install handler (on-app-install.md).</summary>
    InstallEvent,
}
