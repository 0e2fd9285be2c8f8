namespace Connector.Domains;

/// <summary>How one check came out, worst last (the report's status is the worst of its checks).</summary>
public enum DomainCheckStatus
{
    Pass,
    Warn,
    Fail,
}
