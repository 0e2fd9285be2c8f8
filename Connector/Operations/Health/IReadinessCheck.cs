namespace Connector.Operations.Health;

/// <summary>One of <c>/healthz/ready</c>'s checks; it may report several subjects (each portal, each relay). Never throws for an expected fault.</summary>
public interface IReadinessCheck
{
    /// <summary>The check's name, reported when it times out.</summary>
    string Name { get; }

    Task<IReadOnlyList<ReadinessResult>> CheckAsync(CancellationToken cancellationToken);
}
