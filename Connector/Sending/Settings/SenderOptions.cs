namespace Connector.Sending.Settings;

/// <summary>Section <c>Sender</c>: who the messages come from, and what their footer says. Holds no secret.</summary>
public sealed record SenderOptions
{
    public const string Section = "Sender";

    public string? FromAddress { get; init; }

    public string? FromName { get; init; }

    public string? ReplyTo { get; init; }

    /// <summary>Gmail's Feedback-ID SenderId, 5–15 characters.</summary>
    public string? FeedbackId { get; init; }

    public string? Company { get; init; }

    public string? PostalAddress { get; init; }

    public string? Website { get; init; }
}
