namespace Connector.Scenarios;

/// <summary>What starts an enrollment. Only these three are supported today; the file reader refuses the others by name.</summary>
public enum TriggerKind
{
    DealEnteredStage,
    DealCreated,
    ContactCreated,
}
