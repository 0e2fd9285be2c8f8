using Microsoft.Extensions.Configuration;

namespace Connector.Templates;

/// <summary>
/// <c>Templates:LocaleField</c>: the contact's custom field holding its locale (default <c>UF_CRM_LOCALE</c>; Bitrix24
/// contacts have no locale of their own; empty turns it off). <c>Templates:DefaultLocale</c>: the locale of a template
/// that names none (default <c>ru-RU</c>).
/// </summary>
public sealed record TemplateOptions
{
    public const string Section = "Templates";

    public static TemplateOptions Default { get; } = new();

    public string LocaleField { get; init; } = "UF_CRM_LOCALE";

    public string DefaultLocale { get; init; } = "ru-RU";

    public static TemplateOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new TemplateOptions
        {
            LocaleField = configuration["Templates:LocaleField"] ?? Default.LocaleField,
            DefaultLocale = configuration["Templates:DefaultLocale"] is { Length: > 0 } locale ? locale : Default.DefaultLocale,
        };
    }
}
