using Microsoft.Extensions.Configuration;

namespace Connector.Sending;

/// <summary>
/// The sender identity and the domains a message names: <c>Sender:FromAddress</c>, <c>Sender:FromName</c>,
/// <c>Sender:ReplyTo</c>, <c>Sender:FeedbackId</c> (Gmail's SenderId, 5–15 characters), <c>Dkim:Domain</c>,
/// <c>Dkim:KeyFolder</c>, <c>Tracking:BaseUrl</c>, <c>Bounces:Domain</c>. Holds no secret.
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

    public static SendingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var from = Required(configuration, "Sender:FromAddress");
        var fromDomain = from[(from.LastIndexOf('@') + 1)..];
        var baseUrl = Required(configuration, "Tracking:BaseUrl").TrimEnd('/');
        return new SendingSettings
        {
            FromAddress = from,
            FromName = configuration["Sender:FromName"],
            ReplyTo = configuration["Sender:ReplyTo"] is { Length: > 0 } replyTo ? replyTo : null,
            FeedbackSenderId = configuration["Sender:FeedbackId"] is { Length: >= 5 and <= 15 } id ? id : "crmespbridge",
            DkimDomain = configuration["Dkim:Domain"] is { Length: > 0 } d ? d : fromDomain,
            KeyFolder = configuration["Dkim:KeyFolder"] is { Length: > 0 } k ? k : "data/dkim",
            TrackingBaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new InvalidOperationException("Tracking:BaseUrl must be an absolute http(s) URL"),
            BouncesDomain = configuration["Bounces:Domain"] is { Length: > 0 } b ? b : $"bounces.{fromDomain}",
        };
    }

    private static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"{key} is required for sending");
}
