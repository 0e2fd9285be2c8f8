using Connector.Crm.Bitrix24.OAuth;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// <c>App:PublicUrl</c>: an absolute http(s) URL, required in app mode (<c>Bitrix24:ClientId</c> set): the handler URLs
/// bound at install are built on it, never on a request's Host header.
/// </summary>
public sealed class AppOptionsValidator(IOptions<Bitrix24OAuthOptions> oauth) : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicUrl is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            return ValidateOptionsResult.Fail($"{AppOptions.PublicUrlKey}: '{url.OriginalString}' is not an absolute http(s) URL");
        }

        if (options.InstallRateLimit.PermitLimit <= 0 || options.InstallRateLimit.Window <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("App:InstallRateLimit: PermitLimit and Window must be greater than zero");
        }

        if (options.RobotAnswerIntervalSeconds is < 1 or > 3600)
        {
            return ValidateOptionsResult.Fail("App:RobotAnswerIntervalSeconds: must be 1 to 3600");
        }

        return options.PublicUrl is null && !string.IsNullOrWhiteSpace(oauth.Value.ClientId)
            ? ValidateOptionsResult.Fail($"{AppOptions.PublicUrlKey}: required when Bitrix24:ClientId is set (the handler URLs bound at install are built on it, never on the request's Host)")
            : ValidateOptionsResult.Success;
    }
}
