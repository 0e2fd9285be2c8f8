using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.Install;

/// <summary><c>App:PublicUrl</c>: an absolute http(s) URL; handler URLs bound at install are built on it.</summary>
public sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PublicUrl is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            ? ValidateOptionsResult.Fail($"App:PublicUrl: '{url.OriginalString}' is not an absolute http(s) URL")
            : ValidateOptionsResult.Success;
    }
}
