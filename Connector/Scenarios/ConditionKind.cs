namespace Connector.Scenarios;

public enum ConditionKind
{
    Opened,
    Clicked,
    FieldEquals,
    Stage,

    /// <summary>The contact is in a saved segment now.</summary>
    InSegment,
}
