using System.Globalization;

namespace Connector.Templates;

/// <summary>
/// Reads a contact's locale from CRM data: a culture name such as <c>en-US</c>, <c>en_US</c> or <c>ru</c> that .NET
/// knows. Anything else (empty, an enumeration ID, free text) is no locale, so rendering falls back to the template's.
/// </summary>
public static class ContactLocale
{
    public static string? Resolve(string? value)
    {
        var name = value?.Trim().Replace('_', '-');
        if (string.IsNullOrEmpty(name) || name.Length > 20)
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
