using Microsoft.Extensions.Options;

namespace Connector.Store;

public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Path) ? ValidateOptionsResult.Fail("Store:Path: must not be empty") : ValidateOptionsResult.Success;
    }
}
