namespace Connector.Templates;

/// <summary>
/// <c>Templates:LocaleField</c>: the contact's custom field holding its locale (default <c>UF_CRM_LOCALE</c>; Bitrix24
/// contacts have no locale of their own; empty turns it off). <c>Templates:DefaultLocale</c>: the locale of a template
/// that names none (default <c>ru-RU</c>). Limits of one render of one part (subject, preheader, HTML or text):
/// <c>Templates:MaxSteps</c> statements and loop iterations (default 100,000; the shipped letters take under 200),
/// <c>Templates:MaxRecursion</c> nested blocks (default 100), <c>Templates:MaxOutputChars</c> characters written or held
/// in one assigned or captured string (default 1,000,000; Gmail clips a letter at 102 KB). A render over a limit is
/// an error value naming the template, the part and the limit. Bound and validated at start
/// (<see cref="TemplatesServiceCollectionExtensions.AddTemplates"/>, <see cref="TemplateOptionsValidator"/>): a limit
/// that is not a positive whole number stops the start with one line naming the key.
/// </summary>
public sealed record TemplateOptions
{
    public const string Section = "Templates";

    public static TemplateOptions Default { get; } = new();

    public string LocaleField { get; init; } = "UF_CRM_LOCALE";

    public string DefaultLocale { get; init; } = "ru-RU";

    public int MaxSteps { get; init; } = 100_000;

    public int MaxRecursion { get; init; } = 100;

    public int MaxOutputChars { get; init; } = 1_000_000;
}
