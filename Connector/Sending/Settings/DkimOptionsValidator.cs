using Microsoft.Extensions.Options;

namespace Connector.Sending.Settings;

public sealed class DkimOptionsValidator : IValidateOptions<DkimOptions>
{
    public ValidateOptionsResult Validate(string? name, DkimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = SettingChecks.DomainName("Dkim:Domain", string.IsNullOrWhiteSpace(options.Domain) ? null : options.Domain.Trim().TrimEnd('.'))
            ?? (string.IsNullOrWhiteSpace(options.KeyFolder) ? "Dkim:KeyFolder: must not be empty" : null);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
