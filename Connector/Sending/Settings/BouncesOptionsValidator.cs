using Microsoft.Extensions.Options;

namespace Connector.Sending.Settings;

/// <summary><c>Bounces:Domain</c> is the Return-Path domain: a plain domain name, never a line break.</summary>
public sealed class BouncesOptionsValidator : IValidateOptions<BouncesOptions>
{
    public ValidateOptionsResult Validate(string? name, BouncesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = SettingChecks.DomainName("Bounces:Domain", string.IsNullOrEmpty(options.Domain) ? null : options.Domain.TrimEnd('.'));
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
