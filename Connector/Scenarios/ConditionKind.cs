namespace Connector.Scenarios;

public enum ConditionKind
{
    Opened,
    Clicked,
    FieldEquals,
    Stage,
}
