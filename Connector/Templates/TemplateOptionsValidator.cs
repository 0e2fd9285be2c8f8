using Microsoft.Extensions.Options;

namespace Connector.Templates;

public sealed class TemplateOptionsValidator : IValidateOptions<TemplateOptions>
{
    public ValidateOptionsResult Validate(string? name, TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = options.DefaultLocale is { Length: > 0 } locale && ContactLocale.Resolve(locale) is null
                ? $"Templates:DefaultLocale: '{locale}' is not a known locale (like ru-RU)"
            : options.LocaleField is { Length: > 0 } field && !field.StartsWith("UF_", StringComparison.Ordinal)
                ? $"Templates:LocaleField: '{field}' is not a CRM user-field code (like UF_CRM_LOCALE)"
            : options.MaxSteps <= 0 ? "Templates:MaxSteps: must be a positive whole number (a limit cannot be turned off)"
            : options.MaxRecursion <= 0 ? "Templates:MaxRecursion: must be a positive whole number (a limit cannot be turned off)"
            : options.MaxOutputChars <= 0 ? "Templates:MaxOutputChars: must be a positive whole number (a limit cannot be turned off)"
            : null;
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
