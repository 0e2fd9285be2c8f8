namespace Connector.Sandbox;

/// <summary>A portal user: who a token belongs to, whether they may manage apps (user.admin), and what user.get shows.</summary>
public sealed record SandboxUser(long Id, string Name, string LastName, string Email, string WorkPosition, bool IsAdmin, bool Active = true);
