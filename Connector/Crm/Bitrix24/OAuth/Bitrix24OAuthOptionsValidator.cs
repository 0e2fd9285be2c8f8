using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24.OAuth;

/// <summary>An absolute http(s) OAuth server; the client id and secret set together (the secret is never echoed).</summary>
public sealed class Bitrix24OAuthOptionsValidator : IValidateOptions<Bitrix24OAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, Bitrix24OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = !options.OAuthServer.IsAbsoluteUri || (options.OAuthServer.Scheme != Uri.UriSchemeHttps && options.OAuthServer.Scheme != Uri.UriSchemeHttp)
                ? $"Bitrix24:OAuthServer: '{options.OAuthServer.OriginalString}' is not an absolute http(s) URL"
            : string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret)
                ? "Bitrix24:ClientSecret: Bitrix24:ClientId and Bitrix24:ClientSecret go together"
            : options.IdleRefreshAfter <= TimeSpan.Zero ? "Bitrix24:IdleRefreshAfter: must be greater than zero"
            : null;
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
