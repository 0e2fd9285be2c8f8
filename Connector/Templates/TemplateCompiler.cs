using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Connector.Templates.Blocks;
using Fluid;

namespace Connector.Templates;

/// <summary>
/// Parses each part of a template once per version (Fluid) and rejects it when Liquid does not parse, it uses
/// <c>{% include %}</c> or <c>{% render %}</c> (no letter reads files), a declared custom field is not a CRM user-field
/// code or a variable is unknown to the <see cref="TemplateSchema"/>: at save time, not at send time. Results are
/// cached by name, version and content hash; concurrent callers of one key share one compilation. Parts are compiled
/// with this compiler's limits (<see cref="TemplateOptions.MaxSteps"/> and the rest).
/// A template without a locale renders in <see cref="TemplateOptions.DefaultLocale"/>.
/// </summary>
public sealed partial class TemplateCompiler(TemplateOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<TemplateCompileResult>> _cache = new(StringComparer.Ordinal);
    private readonly Fluid.TemplateOptions _fluid = LiquidEngine.Options(options);
    private long _compilations;

    public TemplateCompiler()
        : this(TemplateOptions.Default)
    {
    }

    /// <summary>How many times a template was actually compiled (cache misses); a cached version never adds to it.</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    public TemplateCompileResult Compile(TemplateFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string? html;
        try
        {
            html = file.Blocks is { Count: > 0 } blocks ? BlockRenderer.Render(blocks) : file.Html;
        }
        catch (FormatException ex)
        {
            // An unknown block type: an error of the template like any other, never an exception at save or send.
            return new TemplateCompileResult(null, [new TemplateError(file.Name, null, null, ex.Message)]);
        }

        if (string.IsNullOrWhiteSpace(html))
        {
            return new TemplateCompileResult(null, [new TemplateError(file.Name, null, null, "needs blocks or html")]);
        }

        var key = $"{file.Name}\u001f{file.Version}\u001f{Hash(file, html)}";
        return _cache.GetOrAdd(key, _ => new Lazy<TemplateCompileResult>(() => CompileNew(file, html))).Value;
    }

    private TemplateCompileResult CompileNew(TemplateFile file, string html)
    {
        Interlocked.Increment(ref _compilations);
        var locale = file.Locale ?? options.DefaultLocale;
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return new TemplateCompileResult(null, [new TemplateError(file.Name, null, null, $"unknown locale '{locale}'")]);
        }

        var errors = file.CustomFields.Where(f => CustomFieldNames.Parse(f) is null)
            .Select(f => new TemplateError(file.Name, null, f, "custom field is not a CRM user-field code such as UF_CRM_CITY (prefix deal. for a deal's field)"))
            .ToList();
        var schema = TemplateSchema.For(file.CustomFields);
        var subject = Part(file.Name, "subject", file.Subject, schema, errors);
        var preheader = file.Preheader is null ? null : Part(file.Name, "preheader", file.Preheader, schema, errors);
        var body = Part(file.Name, file.Blocks is { Count: > 0 } ? "blocks" : "html", html, schema, errors);
        var text = file.Text is { } written ? Part(file.Name, "text", written, schema, errors)
            : errors.Count == 0 && DerivedText(html) is { } derived ? Part(file.Name, "text from html", derived, schema, errors) : null;
        return errors.Count > 0
            ? new TemplateCompileResult(null, errors)
            : new TemplateCompileResult(new CompiledTemplate(file.Name, file.Version, subject!, preheader, body!, text, culture), []);
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

    private LiquidPart? Part(string name, string part, string source, TemplateSchema schema, List<TemplateError> errors)
    {
        var where = $"{name} ({part})";
        if (!LiquidEngine.Parser.TryParse(source, out var parsed, out var message) || parsed is null)
        {
            var position = ParsePosition().Match(message ?? "");
            var line = position.Success ? int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
            errors.Add(new TemplateError(where, line, null, FirstLine(message ?? "does not parse")));
            return null;
        }

        var fileTags = LiquidScanner.FileTags(source);
        foreach (var (tag, line) in fileTags)
        {
            errors.Add(new TemplateError(where, line, null, FileTagMessage(tag)));
        }

        if (fileTags.Count == 0 && ForbiddenTags.In(parsed) is [var hidden, ..])
        {
            errors.Add(new TemplateError(where, null, null, FileTagMessage(hidden)));
        }

        foreach (var (path, line) in LiquidScanner.UnknownPaths(source, schema.Root))
        {
            errors.Add(new TemplateError(where, line, path, "unknown variable"));
        }

        return new LiquidPart(where, BoundedRanges.Apply(parsed), _fluid, options.MaxOutputChars, source.Length + (source.Length / 4));
    }

    private static string FileTagMessage(string tag) =>
        $"{{% {tag} %}} is not allowed: a letter cannot read other templates, files or the network";

    // Fluid ends its message with the offending source line; the error keeps the first line ("... at (2:31)").
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private static string Hash(TemplateFile file, string html) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', file.Subject, file.Preheader, html, file.Text, file.Locale, string.Join(',', file.CustomFields)))));

    [GeneratedRegex(@"\{%.*?%\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StatementTag();

    // A statement tag between table rows or cells: the HTML parser would move it out of the table (foster parenting).
    [GeneratedRegex(@"(<(table|tbody|thead|tfoot|tr)\b[^>]*>|</(tr|td|th|thead|tbody|tfoot)>)\s*\{%|%\}\s*<(tr|td|th|/tr|/table|/tbody)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TableLevelTag();

    [GeneratedRegex(@"at \((\d+):(\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParsePosition();
}
