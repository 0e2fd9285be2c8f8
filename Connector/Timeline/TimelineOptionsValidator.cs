using Microsoft.Extensions.Options;

namespace Connector.Timeline;

public sealed class TimelineOptionsValidator : IValidateOptions<TimelineOptions>
{
    public ValidateOptionsResult Validate(string? name, TimelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IntervalSeconds is < 1 or > 3600)
        {
            return ValidateOptionsResult.Fail("Timeline:IntervalSeconds: 1 to 3600");
        }

        if (options.MaxAttempts is < 1 or > 1000)
        {
            return ValidateOptionsResult.Fail("Timeline:MaxAttempts: 1 to 1000");
        }

        if (options.PassSize is < 1 or > 100_000)
        {
            return ValidateOptionsResult.Fail("Timeline:PassSize: 1 to 100000");
        }

        return options.Language is "ru" or "en"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Timeline:Language: ru or en");
    }
}
