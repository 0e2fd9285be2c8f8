namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    private IReadOnlyList<SandboxUser>? _users;

    /// <summary>The portal's users (<see cref="SandboxUsers"/>).</summary>
    public IReadOnlyList<SandboxUser> Users => _users ??= SandboxUsers.Seed(Options);

    public SandboxUser? UserById(long id) => Users.FirstOrDefault(u => u.Id == id);
}
