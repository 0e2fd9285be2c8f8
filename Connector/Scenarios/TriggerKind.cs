namespace Connector.Scenarios;

/// <summary>
/// What starts an enrollment. <see cref="Api"/> and <see cref="Robot"/> are explicit: no pass reads the mirror for
/// them; an enrollment comes only from a call (POST /api/v1/scenarios/{name}/enrollments, the Bitrix24 robot).
/// </summary>
public enum TriggerKind
{
    DealEnteredStage,
    DealCreated,
    ContactCreated,
    Api,
    Robot,
}
