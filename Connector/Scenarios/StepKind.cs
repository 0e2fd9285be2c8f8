namespace Connector.Scenarios;

public enum StepKind
{
    Wait,
    Send,
    Condition,
    Split,
    Exit,
}
