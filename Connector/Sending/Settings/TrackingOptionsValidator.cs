using Microsoft.Extensions.Options;

namespace Connector.Sending.Settings;

/// <summary><c>Tracking:BaseUrl</c> an absolute http(s) URL; <c>Tracking:SigningKey</c> base64 of at least 16 bytes (never echoed).</summary>
public sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = SettingChecks.AbsoluteHttp("Tracking:BaseUrl", options.BaseUrl)
            ?? (options.SigningKey is { Length: > 0 } key && !IsKey(key) ? "Tracking:SigningKey: must be base64 of at least 16 bytes (crm-esp dkim keygen writes one to token.key)" : null);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private static bool IsKey(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var length) && length >= 16;
    }
}
