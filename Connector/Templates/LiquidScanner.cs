using System.Text.RegularExpressions;

namespace Connector.Templates;

/// <summary>
/// Finds every variable path a Liquid source reads, with its line, without running it: outputs, <c>if</c>/<c>unless</c>/
/// <c>case</c>/<c>when</c> conditions, filter arguments, <c>for</c> sources and <c>assign</c> values. Loop variables take
/// the element type of what they iterate; <c>assign</c>/<c>capture</c> names are accepted as they are; string literals,
/// numbers, keywords and filter names are not variables. <c>raw</c> and <c>comment</c> bodies are skipped.
/// </summary>
internal static partial class LiquidScanner
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "contains", "true", "false", "nil", "null", "empty", "blank", "in", "reversed", "limit", "offset", "with", "as",
    };

    public static IReadOnlyList<(string Path, int Line)> UnknownPaths(string source, SchemaNode root)
    {
        var unknown = new List<(string, int)>();
        var locals = new Dictionary<string, SchemaNode?>(StringComparer.Ordinal) { ["forloop"] = null };
        string? skipUntil = null;
        foreach (Match tag in Tag().Matches(source))
        {
            var line = source.AsSpan(0, tag.Index).Count('\n') + 1;
            var body = Strings().Replace(tag.Groups["body"].Value, "\"\"").Trim().Trim('-').Trim();
            var isStatement = tag.Value.StartsWith("{%", StringComparison.Ordinal);
            var word = isStatement ? body.Split(' ', 2)[0] : "";
            if (skipUntil is not null)
            {
                skipUntil = word == skipUntil ? null : skipUntil;
                continue;
            }

            var rest = isStatement ? body[word.Length..].Trim() : body;
            switch (word)
            {
                case "raw" or "comment":
                    skipUntil = "end" + word;
                    continue;
                case "for" when ForTag().Match(rest) is { Success: true } loop:
                    var iterated = Check(loop.Groups["source"].Value, root, locals, unknown, line);
                    locals[loop.Groups["item"].Value] = iterated?.Element;
                    continue;
                case "assign" when AssignTag().Match(rest) is { Success: true } assign:
                    Expression(assign.Groups["value"].Value, root, locals, unknown, line);
                    locals[assign.Groups["name"].Value] = null;
                    continue;
                case "capture":
                    locals[rest] = null;
                    continue;
                case "if" or "elsif" or "unless" or "case" or "when" or "":
                    Expression(rest, root, locals, unknown, line);
                    continue;
                default:
                    continue;
            }
        }

        return unknown;
    }

    /// <summary>Every <c>include</c> or <c>render</c> tag with its line, also inside a <c>{% liquid %}</c> block.</summary>
    public static IReadOnlyList<(string Tag, int Line)> FileTags(string source)
    {
        var found = new List<(string, int)>();
        string? skipUntil = null;
        foreach (Match tag in Tag().Matches(source))
        {
            if (!tag.Value.StartsWith("{%", StringComparison.Ordinal))
            {
                continue;
            }

            var line = source.AsSpan(0, tag.Index).Count('\n') + 1;
            var body = tag.Groups["body"].Value.Trim().Trim('-').Trim();
            var word = FirstWord(body);
            if (skipUntil is not null)
            {
                skipUntil = word == skipUntil ? null : skipUntil;
                continue;
            }

            if (word is "raw" or "comment")
            {
                skipUntil = "end" + word;
            }
            else if (word is "include" or "render")
            {
                found.Add((word, line));
            }
            else if (word == "liquid")
            {
                // Each line of a {% liquid %} block is a tag of its own: the first line starts after the word.
                var group = tag.Groups["body"];
                var start = group.Index + group.Value.IndexOf("liquid", StringComparison.Ordinal) + "liquid".Length;
                var lines = source[start..(group.Index + group.Length)].Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    if (FirstWord(lines[i].Trim().Trim('-').Trim()) is var inner && inner is "include" or "render")
                    {
                        found.Add((inner, line + source.AsSpan(tag.Index, start - tag.Index).Count('\n') + i));
                    }
                }
            }
        }

        return found;
    }

    private static string FirstWord(string text) => text.Split([' ', '\t', '\r', '\n', '\'', '"'], 2)[0];

    private static void Expression(string expression, SchemaNode root, Dictionary<string, SchemaNode?> locals, List<(string, int)> unknown, int line)
    {
        var parts = expression.Split('|');
        var reads = new List<string> { parts[0] };
        reads.AddRange(parts.Skip(1).Select(filter => filter.Contains(':', StringComparison.Ordinal) ? filter[(filter.IndexOf(':', StringComparison.Ordinal) + 1)..] : ""));
        foreach (var text in reads)
        {
            foreach (Match path in Path().Matches(text))
            {
                if (!Keywords.Contains(path.Value))
                {
                    Check(path.Value, root, locals, unknown, line);
                }
            }
        }
    }

    private static SchemaNode? Check(string path, SchemaNode root, Dictionary<string, SchemaNode?> locals, List<(string, int)> unknown, int line)
    {
        var segments = Segment().Matches(path).Select(m => m.Value).ToArray();
        if (segments.Length == 0)
        {
            return null;
        }

        SchemaNode? node;
        if (locals.TryGetValue(segments[0], out var local))
        {
            if (local is null)
            {
                return null;
            }

            node = local;
        }
        else
        {
            node = root.Member(segments[0]);
        }

        foreach (var segment in segments.Skip(1))
        {
            node = segment.StartsWith('[') ? node?.Element : node?.Member(segment);
        }

        if (node is null && !unknown.Exists(u => u.Item1 == path))
        {
            unknown.Add((path, line));
        }

        return node;
    }

    [GeneratedRegex(@"\{\{(?<body>.*?)\}\}|\{%(?<body>.*?)%\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("\"[^\"]*\"|'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex Strings();

    [GeneratedRegex(@"^(?<item>[A-Za-z_]\w*)\s+in\s+(?<source>[A-Za-z_][\w.\[\]]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ForTag();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)\s*=\s*(?<value>.+)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AssignTag();

    [GeneratedRegex(@"(?<![\w.\]])[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*", RegexOptions.CultureInvariant)]
    private static partial Regex Path();

    [GeneratedRegex(@"[A-Za-z_][\w-]*|\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
