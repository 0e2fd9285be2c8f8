namespace Connector.Sending.Queue;

/// <summary>Why <see cref="ISendQueue.EnqueueAsync"/> queued nothing (<see cref="QueuedLetterResult.Refused"/>).</summary>
public static class QueuedLetterRefusals
{
    public const string Suppressed = "suppressed";
    public const string NoAddress = "no_address";
    public const string InvalidAddress = "invalid_address";
    public const string UnknownTemplate = "unknown_template";
    public const string InvalidTemplate = "invalid_template";
    public const string UnknownContact = "unknown_contact";
    public const string UnsubscribedInCrm = "unsubscribed_in_crm";
    public const string UnknownDeal = "unknown_deal";

    /// <summary>The send key already holds a letter queued from a different request (its <see cref="QueuedLetter.RequestHash"/> differs).</summary>
    public const string Conflict = "conflict";

    /// <summary>The send key belongs to another portal, kind or deal.</summary>
    public const string SendKeyTaken = "send_key_taken";
}
