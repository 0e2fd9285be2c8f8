using Microsoft.Extensions.Options;

namespace Connector.Tracking;

/// <summary>Each <see cref="TrackingHitOptions"/> value within its range; the failure names the key.</summary>
public sealed class TrackingHitOptionsValidator : IValidateOptions<TrackingHitOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingHitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = Range("MachineWindowSeconds", options.MachineWindowSeconds, 0, 3600)
            ?? Range("LinkBurstMilliseconds", options.LinkBurstMilliseconds, 0, 60_000)
            ?? Range("PixelWaitMilliseconds", options.PixelWaitMilliseconds, 1, 10_000)
            ?? Range("RecordWaitMilliseconds", options.RecordWaitMilliseconds, 1, 60_000)
            ?? Range("QueueCapacity", options.QueueCapacity, 1, 10_000_000)
            ?? Range("BatchSize", options.BatchSize, 1, 100_000);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private static string? Range(string key, int value, int min, int max) =>
        value < min || value > max ? $"{TrackingHitOptions.Section}:{key}: must be between {min} and {max}" : null;
}
