namespace Connector.Segments;

/// <summary>What a field belongs to: the contact itself, or one of its deals (through deal_contacts).</summary>
public enum SegmentScope
{
    Contact,
    Deal,
}
