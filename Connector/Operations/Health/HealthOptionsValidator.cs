using Microsoft.Extensions.Options;

namespace Connector.Operations.Health;

public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxSyncAge < TimeSpan.Zero ? ValidateOptionsResult.Fail("Health:MaxSyncAge: must not be negative (00:00:00 turns the check off)")
            : options.SmtpProbeInterval <= TimeSpan.Zero ? ValidateOptionsResult.Fail("Health:SmtpProbeInterval: must be positive")
            : options.CheckTimeout <= TimeSpan.Zero ? ValidateOptionsResult.Fail("Health:CheckTimeout: must be positive")
            : ValidateOptionsResult.Success;
    }
}
