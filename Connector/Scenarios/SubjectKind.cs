namespace Connector.Scenarios;

/// <summary>What an enrollment is for: a deal (deal triggers; its first contact is mailed) or a contact.</summary>
public enum SubjectKind
{
    Deal,
    Contact,
}
