using System.Globalization;
using System.Net;
using Connector.Sending.Composing;
using DotLiquid;

namespace Connector.Templates;

/// <summary>
/// Renders a compiled template into a <see cref="Letter"/>. DotLiquid does not escape output, so the HTML part gets a copy
/// of the data with every string HTML-encoded (markup in a CRM field stays text); subject, preheader and text parts get
/// the raw strings. CRM values are data: Liquid inside them is never parsed. Dates and money use the contact's locale
/// when it has a valid one, else the template's (which is <c>Templates:DefaultLocale</c> when the template names none).
/// </summary>
public sealed class TemplateRenderer
{
    public Letter Render(CompiledTemplate template, TemplateData data)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(data);
        var culture = Culture(data.Locale) ?? template.Culture;
        var plain = ToHash(data.Values, encode: false);
        var subject = template.Subject.Render(plain, culture).Trim();
        plain["subject"] = subject;
        var html = ToHash(data.Values, encode: true);
        html["subject"] = WebUtility.HtmlEncode(subject);
        return new Letter(
            subject,
            template.Preheader?.Render(plain, culture).Trim(),
            template.Html.Render(html, culture),
            template.Text?.Render(plain, culture));
    }

    private static Hash ToHash(IReadOnlyDictionary<string, object?> values, bool encode)
    {
        var hash = new Hash();
        foreach (var (key, value) in values)
        {
            hash[key] = Convert(value, encode);
        }

        return hash;
    }

    private static object? Convert(object? value, bool encode) => value switch
    {
        string text => encode ? WebUtility.HtmlEncode(text) : text,
        IReadOnlyDictionary<string, object?> nested => ToHash(nested, encode),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(v => Convert(v, encode)).ToList(),
        _ => value,
    };

    // A locale that is not a known culture (CRM data can hold anything) falls back to the template's.
    private static CultureInfo? Culture(string? locale) =>
        ContactLocale.Resolve(locale) is { } name ? CultureInfo.GetCultureInfo(name) : null;
}
