namespace Connector.Timeline;

public enum CrmTimelineOutcomeKind
{
    /// <summary>The CRM holds the write; <see cref="CrmTimelineOutcome.CrmId"/> names it.</summary>
    Written,

    /// <summary>Refused before it was executed (limits, overload): try again later.</summary>
    Retry,

    /// <summary>No clear answer (timeout, code-less 5xx): it may have arrived; look before writing again.</summary>
    Uncertain,

    /// <summary>The CRM refused it for good (record not found, bad argument, no permission).</summary>
    Failed,

    /// <summary>The portal cannot be written now (token rejected, re-authorisation needed): keep it pending, no attempt counted.</summary>
    Unavailable,
}
