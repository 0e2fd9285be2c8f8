using Connector.Tests.TestSupport;

// In no namespace: NUnit runs this once around the whole assembly.
#pragma warning disable CA1050

/// <summary>Stops the run's <see cref="PostgresPeer"/> server (by its pid) when every test has finished.</summary>
[SetUpFixture]
public sealed class PostgresPeerTeardown
{
    [OneTimeTearDown]
    public void StopPostgres() => PostgresPeer.Stop();
}
