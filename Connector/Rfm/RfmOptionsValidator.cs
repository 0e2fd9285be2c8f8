using Microsoft.Extensions.Options;

namespace Connector.Rfm;

/// <summary>Checks <c>Rfm:*</c> at start; the failure names the key.</summary>
public sealed class RfmOptionsValidator : IValidateOptions<RfmOptions>
{
    public ValidateOptionsResult Validate(string? name, RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IntervalMinutes is < 1 or > 10_080
            ? ValidateOptionsResult.Fail("Rfm:IntervalMinutes must be between 1 and 10080 (a week)")
            : ValidateOptionsResult.Success;
    }
}
