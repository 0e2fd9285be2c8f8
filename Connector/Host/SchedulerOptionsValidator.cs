using Microsoft.Extensions.Options;

namespace Connector.Host;

/// <summary><c>Quartz:Store</c> is <c>Sqlite</c> or <c>Memory</c>.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Equals(options.Store, SchedulerOptions.SqliteStore, StringComparison.OrdinalIgnoreCase)
            || string.Equals(options.Store, SchedulerOptions.MemoryStore, StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Quartz:Store: '{Connector.Web.LogText.Safe(options.Store ?? "")}' is not a job store (Sqlite or Memory)");
    }
}
