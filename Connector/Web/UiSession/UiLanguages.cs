namespace Connector.Web.UiSession;

/// <summary>The pages speak Russian and English; the portal's <c>LANG</c> picks one (Russian for ru, ua, by, kz).</summary>
public static class UiLanguages
{
    public static string From(string? portalLanguage) => IsRussian(portalLanguage) ? "ru" : "en";

    public static bool IsRussian(string? language) =>
        language is not null && (language.StartsWith("ru", StringComparison.OrdinalIgnoreCase) || language.Equals("ua", StringComparison.OrdinalIgnoreCase)
            || language.Equals("by", StringComparison.OrdinalIgnoreCase) || language.Equals("kz", StringComparison.OrdinalIgnoreCase));
}
