using Microsoft.Extensions.Options;

namespace Connector.Store;

/// <summary>Store:* at start: a known provider, and its location (a path, or a connection string Npgsql can parse). Never prints a password.</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.TryParse<StoreProvider>(options.Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider)
            || !options.Provider.All(char.IsAsciiLetter))
        {
            return ValidateOptionsResult.Fail($"Store:Provider: '{options.Provider}' is not one of Sqlite, Postgres");
        }

        if (provider == StoreProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(options.Path) ? ValidateOptionsResult.Fail("Store:Path: must not be empty") : ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Store:ConnectionString: required when Store:Provider is Postgres (Npgsql syntax: Host=…;Database=…;Username=…;Password=…)");
        }

        return PostgresConnectionFactory.Check(options.ConnectionString) is { } problem
            ? ValidateOptionsResult.Fail($"Store:ConnectionString: {problem}")
            : ValidateOptionsResult.Success;
    }
}
