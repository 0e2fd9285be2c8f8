namespace Connector.Timeline;

/// <summary>
/// <c>Suppression:CrmMayResubscribe</c> (default false): whether clearing the CRM's opt-out field may lift the
/// suppression it caused. The change is recorded either way.
/// </summary>
public sealed record CrmOptOutOptions
{
    public const string Section = "Suppression";

    public bool CrmMayResubscribe { get; init; }
}
