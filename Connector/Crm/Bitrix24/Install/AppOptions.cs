namespace Connector.Crm.Bitrix24.Install;

/// <summary><c>App:PublicUrl</c>: the connector's public base URL; event and placement handler URLs are built on it.</summary>
public sealed record AppOptions
{
    public const string Section = "App";

    public Uri? PublicUrl { get; init; }
}
