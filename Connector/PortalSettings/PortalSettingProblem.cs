namespace Connector.PortalSettings;

/// <summary>Why a change to a portal's settings is refused: the field and what it must be.</summary>
public sealed record PortalSettingProblem(string Field, string Detail);
