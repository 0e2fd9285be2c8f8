namespace Connector.Host;

/// <summary>The one reading of a list-valued key: one comma-separated value (environment variables) or an array section (JSON).</summary>
public static class ConfigurationLists
{
    public static IReadOnlyList<string> Read(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
    }
}
