namespace Connector.Scenarios;

/// <summary>
/// What starts an enrollment. The first three read the mirror's new rows after a cursor; the scan kinds (deal idle, a
/// date field, no won deal, segment entered) find occurrences on every pass, each acted on once by its occurrence key.
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
}
