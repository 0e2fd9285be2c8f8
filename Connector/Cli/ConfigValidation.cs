using System.Globalization;
using Connector.Crm.Bitrix24.Portals;
using Microsoft.Extensions.Configuration;
using Quartz;

namespace Connector.Cli;

/// <summary>Checks configuration before anything starts; the first problem comes back as one line naming the key.</summary>
public static class ConfigValidation
{
    public const int ExitCode = 2;

    public static string? FirstProblem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return WebhookUrl.Problem(configuration[WebhookUrl.Key])
            ?? (configuration["Store:Path"] is { } path && string.IsNullOrWhiteSpace(path) ? "Store:Path: must not be empty" : null)
            ?? Positive(configuration, "Sync:IncrementalInterval")
            ?? Positive(configuration, "Sync:Overlap", allowZero: true)
            ?? Positive(configuration, "Sync:ReconcileInterval")
            ?? Positive(configuration, "Sync:LeaseDuration")
            ?? Cron(configuration, "Sync:FullSyncCron")
            ?? AbsoluteHttp(configuration, "App:PublicUrl")
            ?? AbsoluteHttp(configuration, "Bitrix24:OAuthServer")
            ?? (string.IsNullOrWhiteSpace(configuration["Bitrix24:ClientId"]) != string.IsNullOrWhiteSpace(configuration["Bitrix24:ClientSecret"])
                ? "Bitrix24:ClientSecret: Bitrix24:ClientId and Bitrix24:ClientSecret go together" : null)
            ?? Bool(configuration, "Sandbox:Enabled")
            ?? Int(configuration, "Sandbox:Contacts")
            ?? Int(configuration, "Sandbox:Deals")
            ?? (configuration["Templates:DefaultLocale"] is { Length: > 0 } locale && Templates.ContactLocale.Resolve(locale) is null
                ? $"Templates:DefaultLocale: '{locale}' is not a known locale (like ru-RU)" : null)
            ?? (configuration["Templates:LocaleField"] is { Length: > 0 } field && !field.StartsWith("UF_", StringComparison.Ordinal)
                ? $"Templates:LocaleField: '{field}' is not a CRM user-field code (like UF_CRM_LOCALE)" : null)
            ?? Templates.TemplateOptions.Problem(configuration);
    }

    private static string? Positive(IConfiguration configuration, string key, bool allowZero = false)
    {
        var text = configuration[key];
        if (text is null)
        {
            return null;
        }

        return !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? $"{key}: '{text}' is not a TimeSpan (like 00:01:00)"
            : value < TimeSpan.Zero || (value == TimeSpan.Zero && !allowZero) ? $"{key}: must be greater than zero"
            : null;
    }

    private static string? AbsoluteHttp(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } text && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? $"{key}: '{text}' is not an absolute http(s) URL" : null;

    private static string? Cron(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (text is null)
        {
            return null;
        }

        try
        {
            _ = new CronExpression(text);
            return null;
        }
        catch (FormatException)
        {
            return $"{key}: '{text}' is not a Quartz cron expression (like 0 0 3 * * ?)";
        }
    }

    private static string? Bool(IConfiguration configuration, string key) =>
        configuration[key] is { } text && !bool.TryParse(text, out _) ? $"{key}: '{text}' is not true or false" : null;

    private static string? Int(IConfiguration configuration, string key) =>
        configuration[key] is { } text && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
            ? $"{key}: '{text}' is not a non-negative whole number" : null;
}
