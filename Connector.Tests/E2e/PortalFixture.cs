namespace Connector.Tests.E2e;

/// <summary>
/// A browser fixture's lifecycle: one <see cref="PortalRig"/> for the fixture, started before its first test (within
/// 150 s, with <see cref="ServeArguments"/> added to serve's) and disposed after its last, killing serve by its pid.
/// </summary>
public abstract class PortalFixture
{
    internal PortalRig Rig { get; private set; } = null!;

    /// <summary>Configuration a fixture gives serve (e.g. <c>--Scenarios:IntervalSeconds=1</c>) so its waits are seconds, not minutes.</summary>
    protected virtual IReadOnlyList<string> ServeArguments => [];

    [OneTimeSetUp]
    public async Task StartRigAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        Rig = await PortalRig.StartAsync(bound.Token, [.. ServeArguments]);
    }

    [OneTimeTearDown]
    public async Task StopRigAsync()
    {
        if (Rig is not null)
        {
            await Rig.DisposeAsync();
        }
    }
}
