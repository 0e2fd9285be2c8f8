namespace Connector.Domains;

/// <summary>Every check of one domain in a fixed order, and the names it used (From, Return-Path and d= domains, relay).</summary>
public sealed record DomainCheckReport(string Domain, IReadOnlyList<DomainCheckResult> Checks)
{
    public DomainCheckStatus Status => Checks.Count == 0 ? DomainCheckStatus.Pass : Checks.Max(c => c.Status);
}
