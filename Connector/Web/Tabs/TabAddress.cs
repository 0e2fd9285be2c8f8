namespace Connector.Web.Tabs;

/// <summary>
/// One mirrored e-mail of a contact: the stored (ASCII) form, the domain in Unicode for people, and its suppression
/// (reason, source, since when). Only a <c>manual</c> suppression can be lifted from the card.
/// </summary>
public sealed record TabAddress(string Address, string Display, bool Valid, string? Suppression, string? SuppressionSource, string? SuppressedAt)
{
    public bool Liftable => Suppression == "manual";
}
