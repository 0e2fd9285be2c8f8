using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connector.Templates.Blocks;
using DotLiquid;
using DotLiquid.Exceptions;

namespace Connector.Templates;

/// <summary>
/// Parses each part of a template once per version (cached by name, version and content hash) and rejects it when
/// Liquid does not parse or a variable is unknown to the <see cref="TemplateSchema"/>: at save time, not at send time.
/// </summary>
public sealed partial class TemplateCompiler
{
    private readonly ConcurrentDictionary<string, CompiledTemplate> _cache = new(StringComparer.Ordinal);

    public TemplateCompileResult Compile(TemplateFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var html = file.Blocks is { Count: > 0 } blocks ? BlockRenderer.Render(blocks) : file.Html;
        if (string.IsNullOrWhiteSpace(html))
        {
            return new TemplateCompileResult(null, [new TemplateError(file.Name, null, null, "needs blocks or html")]);
        }

        var key = $"{file.Name}\u001f{file.Version}\u001f{Hash(file, html)}";
        if (_cache.TryGetValue(key, out var cached))
        {
            return new TemplateCompileResult(cached, []);
        }

        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(file.Locale);
        }
        catch (CultureNotFoundException)
        {
            return new TemplateCompileResult(null, [new TemplateError(file.Name, null, null, $"unknown locale '{file.Locale}'")]);
        }

        var errors = new List<TemplateError>();
        var schema = TemplateSchema.For(file.CustomFields);
        var subject = Part(file.Name, "subject", file.Subject, schema, errors);
        var preheader = file.Preheader is null ? null : Part(file.Name, "preheader", file.Preheader, schema, errors);
        var body = Part(file.Name, file.Blocks is { Count: > 0 } ? "blocks" : "html", html, schema, errors);
        var text = file.Text is { } written ? Part(file.Name, "text", written, schema, errors)
            : errors.Count == 0 && DerivedText(html) is { } derived ? Part(file.Name, "text from html", derived, schema, errors) : null;
        if (errors.Count > 0)
        {
            return new TemplateCompileResult(null, errors);
        }

        var compiled = new CompiledTemplate(file.Name, file.Version, subject!, preheader, body!, text, culture);
        _cache[key] = compiled;
        return new TemplateCompileResult(compiled, []);
    }

    // The text part as a Liquid template made once from the HTML source (so no DOM per message). Only used when every
    // Liquid tag survived in order: HTML parsing moves text out of tables, which would reorder {% for %} and friends.
    private static string? DerivedText(string html)
    {
        if (TableLevelTag().IsMatch(html))
        {
            return null;
        }

        var text = Connector.Sending.Composing.HtmlToText.Convert(html);
        var before = StatementTag().Matches(html).Select(m => m.Value);
        return before.SequenceEqual(StatementTag().Matches(text).Select(m => m.Value), StringComparer.Ordinal) ? text : null;
    }

    private static LiquidPart? Part(string name, string part, string source, TemplateSchema schema, List<TemplateError> errors)
    {
        var where = $"{name} ({part})";
        Template template;
        try
        {
            template = Template.Parse(source);
        }
        catch (SyntaxException ex)
        {
            errors.Add(new TemplateError(where, LineOf(source, ex.Message), null, ex.Message));
            return null;
        }

        foreach (var (path, line) in LiquidScanner.UnknownPaths(source, schema.Root))
        {
            errors.Add(new TemplateError(where, line, path, "unknown variable"));
        }

        return new LiquidPart(template);
    }

    // DotLiquid names the offending tag but not its line: the first unbalanced or named tag is the best guess.
    private static int? LineOf(string source, string message)
    {
        var tag = TagName().Match(message);
        var index = tag.Success ? source.IndexOf("{% " + tag.Groups[1].Value, StringComparison.Ordinal) : -1;
        index = index >= 0 ? index : source.IndexOf("{%", StringComparison.Ordinal);
        return index < 0 ? null : source.AsSpan(0, index).Count('\n') + 1;
    }

    private static string Hash(TemplateFile file, string html) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', file.Subject, file.Preheader, html, file.Text, file.Locale, string.Join(',', file.CustomFields)))));

    [GeneratedRegex(@"\{%.*?%\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StatementTag();

    // A statement tag between table rows or cells: the HTML parser would move it out of the table (foster parenting).
    [GeneratedRegex(@"(<(table|tbody|thead|tfoot|tr)\b[^>]*>|</(tr|td|th|thead|tbody|tfoot)>)\s*\{%|%\}\s*<(tr|td|th|/tr|/table|/tbody)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableLevelTag();

    [GeneratedRegex(@"'(\w+)'", RegexOptions.CultureInvariant)]
    private static partial Regex TagName();
}
