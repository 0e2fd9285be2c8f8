using System.Globalization;
using System.Text.RegularExpressions;
using Connector.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Cli;

/// <summary>
/// Runs every slice's start-up validation (<see cref="ConnectorComposition.AddConnectorOptions"/>, the same that
/// <c>ValidateOnStart</c> runs in a host) before anything starts; the first problem comes back as one line naming the key.
/// </summary>
public static partial class ConfigValidation
{
    public const int ExitCode = 2;

    public static string? FirstProblem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var services = new ServiceCollection().AddSingleton(configuration).AddConnectorOptions(configuration).BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures.FirstOrDefault() ?? ex.Message;
        }
        catch (AggregateException ex)
        {
            return ex.InnerExceptions.Select(e => Describe(e, configuration)).FirstOrDefault(p => p is not null) ?? ex.Message;
        }
        catch (InvalidOperationException ex) when (Describe(ex, configuration) is { } problem)
        {
            return problem;
        }
    }

    private static string? Describe(Exception exception, IConfiguration configuration) => exception switch
    {
        OptionsValidationException validation => validation.Failures.FirstOrDefault() ?? validation.Message,
        InvalidOperationException binding when BindingFailure().Match(binding.Message) is { Success: true } match => Binding(match, configuration),
        _ => null,
    };

    // The binder says: Failed to convert configuration value [...] at 'Sync:IncrementalInterval' to type 'System.TimeSpan'.
    private static string Binding(Match match, IConfiguration configuration)
    {
        var key = match.Groups["key"].Value;
        var expected = match.Groups["type"].Value switch
        {
            "System.TimeSpan" => "a TimeSpan (like 00:01:00)",
            "System.Boolean" => "true or false",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" => "a number",
            "System.Uri" => "a URL",
            var other => $"a {other[(other.LastIndexOf('.') + 1)..]}",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{key}: '{configuration[key]}' is not {expected}");
    }

    [GeneratedRegex(@"at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindingFailure();
}
