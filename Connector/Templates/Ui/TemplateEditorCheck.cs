using System.Text.Json;
using Connector.Templates.Blocks;

namespace Connector.Templates.Ui;

/// <summary>
/// The checks a template from the editor goes through, the same as a template file's: read by
/// <see cref="TemplateFileReader"/> (unknown keys, wrong types), compiled by a <see cref="TemplateCompiler"/> with the
/// host's limits (Liquid that does not parse, <c>{% include %}</c>, unknown variables), and rendered once with the
/// given data so a loop over the step limit or a failing filter is found before anything is saved or sent. An error
/// in the blocks part is put at the block field to blame by checking each block field on its own.
/// </summary>
public sealed class TemplateEditorCheck(TemplateOptions options)
{
    /// <summary>The block kinds <see cref="BlockRenderer"/> draws, in the order the editor's palette offers them.</summary>
    public static readonly IReadOnlyList<string> BlockTypes = ["header", "heading", "text", "image", "button", "product", "columns", "divider", "footer"];

    private static readonly (string Key, Func<Block, string?> Value)[] LiquidFields =
    [
        ("text", b => b.Text), ("title", b => b.Title), ("price", b => b.Price), ("href", b => b.Href), ("src", b => b.Src), ("alt", b => b.Alt),
    ];

    /// <summary>The template the editor sent, named <paramref name="name"/>, or the reader's error at its field.</summary>
    public static (TemplateFile? File, TemplateFieldError? Error) Read(JsonElement template, string name)
    {
        if (template.ValueKind != JsonValueKind.Object)
        {
            return (null, new TemplateFieldError("template", "a template must be a mapping of keys (subject, html or blocks, …)"));
        }

        var path = name + ".json";
        try
        {
            var file = TemplateFileReader.Read(template.GetRawText(), path);
            return (file with { Name = name }, null);
        }
        catch (FormatException ex)
        {
            var field = ex.InnerException is JsonException { Path: { Length: > 1 } at } ? at.TrimStart('$').TrimStart('.') : "template";
            var message = ex.Message.StartsWith(path + ":", StringComparison.Ordinal) && ex.Message.IndexOf(": ", path.Length, StringComparison.Ordinal) is var cut and > 0
                ? ex.Message[(cut + 2)..]
                : ex.Message;
            return (null, new TemplateFieldError(field.Length == 0 ? "template" : field, message));
        }
    }

    /// <summary>The template compiled and rendered with <paramref name="data"/>, or every error at its field.</summary>
    public (CompiledTemplate? Template, Sending.Composing.Letter? Letter, IReadOnlyList<TemplateFieldError> Errors) Check(TemplateFile file, TemplateData data)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(data);
        var kinds = UnknownKinds(file.Blocks, "blocks").ToList();
        if (kinds.Count > 0)
        {
            return (null, null, kinds);
        }

        // A compiler of its own: the editor's drafts must not fill the host compiler's cache of saved versions.
        var compiled = new TemplateCompiler(options).Compile(file);
        if (compiled.Template is not { } template)
        {
            return (null, null, compiled.Errors.SelectMany(e => Place(file, e, data: null)).Distinct().ToList());
        }

        var rendered = new TemplateRenderer().TryRender(template, data);
        return rendered.Letter is { } letter
            ? (template, letter, [])
            : (template, null, Place(file, rendered.Error!, data).Distinct().ToList());
    }

    private static IEnumerable<TemplateFieldError> UnknownKinds(IReadOnlyList<Block>? blocks, string at)
    {
        for (var i = 0; i < (blocks?.Count ?? 0); i++)
        {
            var block = blocks![i];
            if (!BlockTypes.Contains(block.Type, StringComparer.Ordinal))
            {
                yield return new TemplateFieldError($"{at}[{i}].type", $"unknown block type '{block.Type}'");
            }

            foreach (var error in UnknownKinds(block.Left, $"{at}[{i}].left").Concat(UnknownKinds(block.Right, $"{at}[{i}].right")))
            {
                yield return error;
            }
        }
    }

    // "promo (subject)" → subject; an error of the blocks part is looked for in each block field; one of the whole
    // template (a declared custom field, the locale) goes to its key.
    private IEnumerable<TemplateFieldError> Place(TemplateFile file, TemplateError error, TemplateData? data)
    {
        var part = error.Template.Length > file.Name.Length + 3 && error.Template.EndsWith(')') ? error.Template[(file.Name.Length + 2)..^1] : null;
        if (part is "blocks" or "text from html" && file.Blocks is { } blocks)
        {
            var found = Fields(blocks, "blocks").Select(f => (f.Field, Error: FieldError(file, f.Source, data))).Where(f => f.Error is not null).ToList();
            if (found.Count > 0)
            {
                return found.Select(f => new TemplateFieldError(f.Field, Describe(f.Error!)));
            }
        }

        var field = part switch
        {
            "blocks" or "text from html" => file.Blocks is { Count: > 0 } ? "blocks" : "html",
            { } named => named,
            null when error.Variable is not null => "custom_fields",
            null when error.Message.Contains("locale", StringComparison.Ordinal) => "locale",
            null => file.Blocks is { Count: > 0 } ? "blocks" : "html",
        };
        return [new TemplateFieldError(field, Describe(error))];
    }

    private static IEnumerable<(string Field, string Source)> Fields(IReadOnlyList<Block> blocks, string at)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            foreach (var (key, value) in LiquidFields)
            {
                if (value(blocks[i]) is { Length: > 0 } source && (source.Contains("{{", StringComparison.Ordinal) || source.Contains("{%", StringComparison.Ordinal)))
                {
                    yield return ($"{at}[{i}].{key}", source);
                }
            }

            foreach (var nested in Fields(blocks[i].Left ?? [], $"{at}[{i}].left").Concat(Fields(blocks[i].Right ?? [], $"{at}[{i}].right")))
            {
                yield return nested;
            }
        }
    }

    // One block field as a template of its own (its Liquid in the subject's place): its compile error, or with data its render error.
    private TemplateError? FieldError(TemplateFile file, string source, TemplateData? data)
    {
        var alone = new TemplateFile { Name = file.Name, Subject = source, Html = "-", Locale = file.Locale, CustomFields = file.CustomFields };
        var compiled = new TemplateCompiler(options).Compile(alone);
        if (compiled.Template is not { } template)
        {
            return compiled.Errors.FirstOrDefault(e => e.Template.EndsWith("(subject)", StringComparison.Ordinal));
        }

        return data is null ? null : new TemplateRenderer().TryRender(template, data).Error;
    }

    private static string Describe(TemplateError error) =>
        $"{(error.Line is > 1 and var line ? $"line {line}: " : "")}{error.Message}{(error.Variable is null ? "" : $" ({error.Variable})")}";
}
