using System.Globalization;
using System.Net;
using Connector.Sending.Composing;
using Fluid.Values;

namespace Connector.Templates;

/// <summary>
/// Renders a compiled template into a <see cref="Letter"/>. The HTML part gets a copy of the data with every string
/// HTML-encoded (markup in a CRM field stays text) and Fluid writes it unencoded, as DotLiquid did; subject, preheader
/// and text parts get the raw strings. CRM values are data: Liquid inside them is never parsed. Dates and money use the
/// contact's locale when it has a valid one, else the template's (which is <c>Templates:DefaultLocale</c> when the
/// template names none). A part that goes over a limit or fails makes the whole letter an error value, never an exception.
/// </summary>
public sealed class TemplateRenderer
{
    public TemplateRenderResult TryRender(CompiledTemplate template, TemplateData data)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(data);
        var culture = Culture(data.Locale) ?? template.Culture;
        var options = template.Subject.Options;
        var plain = LiquidValues.Map(data.Values, encode: false, options);
        var (subject, error) = template.Subject.Render(plain, culture);
        if (subject is null)
        {
            return Failed(template.Subject, error);
        }

        subject = subject.Trim();
        plain = LiquidValues.With(plain, "subject", StringValue.Create(subject));
        var html = LiquidValues.With(LiquidValues.Map(data.Values, encode: true, options), "subject", StringValue.Create(WebUtility.HtmlEncode(subject)));
        string? preheader = null;
        if (template.Preheader is { } preheaderPart)
        {
            (preheader, error) = preheaderPart.Render(plain, culture);
            if (preheader is null)
            {
                return Failed(preheaderPart, error);
            }

            preheader = preheader.Trim();
        }

        var (body, bodyError) = template.Html.Render(html, culture);
        if (body is null)
        {
            return Failed(template.Html, bodyError);
        }

        string? text = null;
        if (template.Text is { } textPart)
        {
            (text, error) = textPart.Render(plain, culture);
            if (text is null)
            {
                return Failed(textPart, error);
            }
        }

        return new TemplateRenderResult(new Letter(subject, preheader, body, text), null);
    }

    /// <summary>For previews and tests: the letter, or an <see cref="InvalidOperationException"/> carrying the error.</summary>
    public Letter Render(CompiledTemplate template, TemplateData data)
    {
        var result = TryRender(template, data);
        return result.Letter ?? throw new InvalidOperationException(result.Error?.ToString());
    }

    private static TemplateRenderResult Failed(LiquidPart part, string? error) =>
        new(null, new TemplateError(part.Where, null, null, error ?? "rendering failed"));

    // A locale that is not a known culture (CRM data can hold anything) falls back to the template's.
    private static CultureInfo? Culture(string? locale) =>
        ContactLocale.Resolve(locale) is { } name ? CultureInfo.GetCultureInfo(name) : null;
}
