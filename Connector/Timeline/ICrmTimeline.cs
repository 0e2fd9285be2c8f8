namespace Connector.Timeline;

/// <summary>
/// What the Timeline slice needs from a CRM (implemented in Crm/Bitrix24/Timeline): whether a portal can be written
/// now and in which language, one call of up to <see cref="MaxWritesPerCall"/> writes, and a look for writes whose
/// earlier attempt may have arrived. Outcomes are values, one per write, in the order given.
/// </summary>
public interface ICrmTimeline
{
    const int MaxWritesPerCall = 50;

    /// <summary>The custom-field code of the CRM's opt-out flag on contacts, as the mirror keeps it.</summary>
    string OptOutField { get; }

    Task<CrmTimelinePortal> PortalAsync(long portalId, CancellationToken cancellationToken);

    /// <summary>One request to the CRM for all of <paramref name="writes"/> (at most <see cref="MaxWritesPerCall"/>).</summary>
    Task<IReadOnlyList<CrmTimelineOutcome>> WriteAsync(CrmTimelinePortal portal, IReadOnlyList<CrmTimelineWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// For writes whose earlier attempt may have arrived: <see cref="CrmTimelineOutcomeKind.Written"/> with the CRM id when
    /// it is there, <see cref="CrmTimelineOutcomeKind.Retry"/> when it is not (write again), else why it could not tell.
    /// </summary>
    Task<IReadOnlyList<CrmTimelineOutcome>> FindAsync(CrmTimelinePortal portal, IReadOnlyList<CrmTimelineWrite> writes, CancellationToken cancellationToken);
}
