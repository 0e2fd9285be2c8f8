using Microsoft.Extensions.Options;

namespace Connector.Sending.Queue;

public sealed class QueuedLetterRunnerOptionsValidator : IValidateOptions<QueuedLetterRunnerOptions>
{
    public ValidateOptionsResult Validate(string? name, QueuedLetterRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PollIntervalSeconds is < 1 or > 3600)
        {
            return ValidateOptionsResult.Fail("Sending:Runner:PollIntervalSeconds: 1 to 3600");
        }

        return options.Workers is < 1 or > 64
            ? ValidateOptionsResult.Fail("Sending:Runner:Workers: 1 to 64")
            : ValidateOptionsResult.Success;
    }
}
