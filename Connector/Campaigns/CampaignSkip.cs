namespace Connector.Campaigns;

/// <summary>Why a mirrored contact got no message, as the summary counts it.</summary>
public static class CampaignSkip
{
    public const string NotFound = "not_found";
    public const string NotOnDeal = "not_on_deal";
    public const string NoEmail = "no_email";
    public const string InvalidEmail = "invalid_email";
    public const string Suppressed = "suppressed";
    public const string UnsubscribedInCrm = "unsubscribed_in_crm";

    /// <summary>Every reason, in the summary's order (each is printed, zero or not, so the JSON keeps its shape).</summary>
    public static IReadOnlyList<string> All { get; } = [NotFound, NotOnDeal, NoEmail, InvalidEmail, Suppressed, UnsubscribedInCrm];
}
