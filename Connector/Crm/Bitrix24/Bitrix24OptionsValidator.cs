using Connector.Crm.Bitrix24.Portals;
using Microsoft.Extensions.Options;

namespace Connector.Crm.Bitrix24;

/// <summary><c>Bitrix24:WebhookUrl</c>: an incoming webhook URL; the problem names the key, never the secret code.</summary>
public sealed class Bitrix24OptionsValidator : IValidateOptions<Bitrix24Options>
{
    public ValidateOptionsResult Validate(string? name, Bitrix24Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return WebhookUrl.Problem(options.WebhookUrl) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
