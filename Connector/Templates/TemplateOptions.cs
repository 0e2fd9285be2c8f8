using Microsoft.Extensions.Configuration;

namespace Connector.Templates;

/// <summary>
/// <c>Templates:LocaleField</c>: the contact's custom field holding its locale (default <c>UF_CRM_LOCALE</c>; Bitrix24
/// contacts have no locale of their own; empty turns it off). <c>Templates:DefaultLocale</c>: the locale of a template
/// that names none (default <c>ru-RU</c>). Limits of one render of one part (subject, preheader, HTML or text):
/// <c>Templates:MaxSteps</c> statements and loop iterations (default 100,000; the shipped letters take under 200),
/// <c>Templates:MaxRecursion</c> nested blocks (default 100), <c>Templates:MaxOutputChars</c> characters written or held
/// in one assigned or captured string (default 1,000,000; Gmail clips a letter at 102 KB). A render over a limit is
/// an error value naming the template, the part and the limit.
/// </summary>
public sealed record TemplateOptions
{
    public const string Section = "Templates";
    private static readonly string[] LimitKeys = ["Templates:MaxSteps", "Templates:MaxRecursion", "Templates:MaxOutputChars"];

    public static TemplateOptions Default { get; } = new();

    public string LocaleField { get; init; } = "UF_CRM_LOCALE";

    public string DefaultLocale { get; init; } = "ru-RU";

    public int MaxSteps { get; init; } = 100_000;

    public int MaxRecursion { get; init; } = 100;

    public int MaxOutputChars { get; init; } = 1_000_000;

    public static TemplateOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new TemplateOptions
        {
            LocaleField = configuration["Templates:LocaleField"] ?? Default.LocaleField,
            DefaultLocale = configuration["Templates:DefaultLocale"] is { Length: > 0 } locale ? locale : Default.DefaultLocale,
            MaxSteps = Positive(configuration, "Templates:MaxSteps", Default.MaxSteps),
            MaxRecursion = Positive(configuration, "Templates:MaxRecursion", Default.MaxRecursion),
            MaxOutputChars = Positive(configuration, "Templates:MaxOutputChars", Default.MaxOutputChars),
        };
    }

    /// <summary>The first limit key that is set but is not a positive whole number, as one line naming it; else null.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return LimitKeys
            .Where(key => configuration[key] is not null && Positive(configuration, key, 0) == 0)
            .Select(key => $"{key}: '{configuration[key]}' is not a positive whole number (a limit cannot be turned off)")
            .FirstOrDefault();
    }

    // A limit cannot be turned off: a value that is not a positive whole number keeps the default (Problem names it).
    private static int Positive(IConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration[key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
