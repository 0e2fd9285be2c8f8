namespace Connector.Scenarios;

/// <summary>
/// What starts an enrollment. The first three read the mirror's new rows after a cursor; the scan kinds (deal idle, a
/// date field, no won deal, segment entered, RFM segment entered) find occurrences on every pass, each acted on once by its occurrence key.
/// <see cref="Api"/> and <see cref="Robot"/> are explicit: no pass reads the mirror for them; an enrollment comes only
/// from a call (POST /api/v1/scenarios/{name}/enrollments, the Bitrix24 robot).
/// </summary>
public enum TriggerKind
{
    DealEnteredStage,
    DealCreated,
    ContactCreated,
    DealIdle,
    DateField,
    NoWonDeal,
    SegmentEntered,
    RfmEntered,
    Api,
    Robot,
}
