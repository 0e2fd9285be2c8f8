using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Sync;

/// <summary>Intervals greater than zero (the overlap may be zero) and a Quartz cron for the nightly pass.</summary>
public sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = Positive("Sync:IncrementalInterval", options.IncrementalInterval)
            ?? (options.Overlap < TimeSpan.Zero ? "Sync:Overlap: must not be negative" : null)
            ?? Positive("Sync:ReconcileInterval", options.ReconcileInterval)
            ?? Positive("Sync:LeaseDuration", options.LeaseDuration)
            ?? (options.LeaseWait < TimeSpan.Zero ? "Sync:LeaseWait: must not be negative" : null)
            ?? Cron(options.FullSyncCron);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private static string? Cron(string text)
    {
        try
        {
            _ = new CronExpression(text);
            return null;
        }
        catch (FormatException)
        {
            return $"Sync:FullSyncCron: '{text}' is not a Quartz cron expression (like 0 0 3 * * ?)";
        }
    }

    private static string? Positive(string key, TimeSpan value) => value <= TimeSpan.Zero ? $"{key}: must be greater than zero" : null;
}
