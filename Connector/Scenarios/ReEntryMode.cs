namespace Connector.Scenarios;

/// <summary>How often one deal (or contact) may enter a scenario; never while an enrollment of it is still active.</summary>
public enum ReEntryMode
{
    Once,
    AtMostOncePer,
    Always,
}
