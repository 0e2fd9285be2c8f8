namespace Connector.Segments;

public enum SegmentEngagement
{
    Opened,
    Clicked,
    HardBounced,
    Unsubscribed,
    Suppressed,
    InScenario,
}
