using Microsoft.Extensions.Configuration;

namespace Connector.Host;

/// <summary>appsettings.json, then CRMESP_ environment variables, then --Section:Key=value arguments.</summary>
public static class ConnectorConfiguration
{
    public const string EnvironmentPrefix = "CRMESP_";

    public static IConfigurationRoot Build(string[] configArgs) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables(EnvironmentPrefix)
        .AddCommandLine(configArgs)
        .Build();
}
