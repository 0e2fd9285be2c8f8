using Microsoft.Extensions.Options;

namespace Connector.Sandbox;

public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = options.Contacts < 0 ? "Sandbox:Contacts: must not be negative"
            : options.Deals < 0 ? "Sandbox:Deals: must not be negative"
            : options.EventLossPercent is < 0 or > 100 ? "Sandbox:EventLossPercent: must be between 0 and 100"
            : null;
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
