using Connector.Sending.Settings;

namespace Connector.Sending;

/// <summary>
/// The sender identity and the domains a message names: <c>Sender:FromAddress</c>, <c>Sender:FromName</c>,
/// <c>Sender:ReplyTo</c>, <c>Sender:FeedbackId</c> (Gmail's SenderId, 5–15 characters), <c>Dkim:Domain</c>,
/// <c>Dkim:KeyFolder</c>, <c>Tracking:BaseUrl</c>, <c>Bounces:Domain</c>, taken from their bound options. Holds no secret.
/// </summary>
public sealed record SendingSettings
{
    public required string FromAddress { get; init; }

    public string? FromName { get; init; }

    public string? ReplyTo { get; init; }

    public string FeedbackSenderId { get; init; } = "crmespbridge";

    public required string DkimDomain { get; init; }

    public required string KeyFolder { get; init; }

    public required Uri TrackingBaseUrl { get; init; }

    public required string BouncesDomain { get; init; }

    /// <summary>The sending domain (From), lower-case: transports are routed and warm-up budgets counted by it.</summary>
    public string FromDomain => FromAddress[(FromAddress.LastIndexOf('@') + 1)..].ToLowerInvariant();

    /// <summary>
    /// The settings from the bound, validated options (<see cref="SendingServiceCollectionExtensions.AddSendingOptions"/>);
    /// throws <see cref="InvalidOperationException"/> naming the key when <c>Sender:FromAddress</c> or
    /// <c>Tracking:BaseUrl</c>, optional at start so that a host without sending starts, is missing.
    /// </summary>
    public static SendingSettings From(SenderOptions sender, DkimOptions dkim, TrackingOptions tracking, BouncesOptions bounces)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(dkim);
        ArgumentNullException.ThrowIfNull(tracking);
        ArgumentNullException.ThrowIfNull(bounces);
        var from = Required(sender.FromAddress, "Sender:FromAddress");
        var fromDomain = from[(from.LastIndexOf('@') + 1)..];
        var baseUrl = Required(tracking.BaseUrl, "Tracking:BaseUrl").TrimEnd('/');
        return new SendingSettings
        {
            FromAddress = from,
            FromName = sender.FromName,
            ReplyTo = sender.ReplyTo is { Length: > 0 } replyTo ? replyTo : null,
            FeedbackSenderId = sender.FeedbackId is { Length: >= 5 and <= 15 } id ? id : "crmespbridge",
            DkimDomain = dkim.Domain is { Length: > 0 } d ? d : fromDomain,
            KeyFolder = dkim.KeyFolder is { Length: > 0 } k ? k : "data/dkim",
            TrackingBaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new InvalidOperationException("Tracking:BaseUrl must be an absolute http(s) URL"),
            BouncesDomain = bounces.Domain is { Length: > 0 } b ? b : $"bounces.{fromDomain}",
        };
    }

    private static string Required(string? value, string key) =>
        value is { Length: > 0 } ? value : throw new InvalidOperationException($"{key} is required for sending");
}
