namespace Connector.Domains;

/// <summary>One check: its stable name (<c>spf</c>, <c>dkim:SELECTOR</c>, …), the outcome, what was found, and the fix (null on pass).</summary>
public sealed record DomainCheckResult(string Check, DomainCheckStatus Status, string Detail, string? Fix = null)
{
    public static DomainCheckResult Pass(string check, string detail) => new(check, DomainCheckStatus.Pass, detail);

    public static DomainCheckResult Warn(string check, string detail, string fix) => new(check, DomainCheckStatus.Warn, detail, fix);

    public static DomainCheckResult Fail(string check, string detail, string fix) => new(check, DomainCheckStatus.Fail, detail, fix);
}
