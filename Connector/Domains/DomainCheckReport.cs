namespace Connector.Domains;

/// <summary>Every check of one domain, in a fixed order; the report fails when any check fails.</summary>
public sealed record DomainCheckReport(string Domain, IReadOnlyList<DomainCheckResult> Checks)
{
    public DomainCheckStatus Status => Checks.Count == 0 ? DomainCheckStatus.Pass : Checks.Max(c => c.Status);
}
