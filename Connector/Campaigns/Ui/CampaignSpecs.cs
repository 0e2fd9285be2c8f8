using System.Globalization;
using Connector.Campaigns.Broadcasts;

namespace Connector.Campaigns.Ui;

/// <summary>
/// The page's form as the CLI's <see cref="CampaignSpec"/> (so <see cref="CampaignValidator"/> checks both the same
/// way), and the validator's problems keyed by the form's fields (<c>--test-share</c> → <c>testShare</c>, a variant's
/// problem → <c>variants.N</c>). Pure.
/// </summary>
public static class CampaignSpecs
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["--name"] = "name", ["--template"] = "template", ["--segment"] = "segment", ["--segment-name"] = "segmentName", ["--at"] = "at",
        ["--window"] = "window", ["--expire-after"] = "expireAfter", ["--variant"] = "variants", ["--mode"] = "mode", ["--test-share"] = "testShare",
        ["--test-wait"] = "testWait", ["--winner-by"] = "winnerBy", ["--wave-share"] = "waveShare", ["--wave-every"] = "waveEvery",
    };

    /// <summary>The spec, or the form's own problems (a ';' inside a variant's part cannot be written in the CLI's variant syntax).</summary>
    public static (CampaignSpec? Spec, IReadOnlyDictionary<string, string[]> Problems) From(CampaignBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var variants = new List<string>();
        var given = body.Variants ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var v = given[i];
            var parts = new List<string>();
            if (Part(v.Subject) is { } subject)
            {
                parts.Add("subject=" + subject);
            }

            if (Part(v.FromAddress) is { } address)
            {
                parts.Add("from=" + (Part(v.FromName) is { } name ? $"\"{name.Replace("\"", "", StringComparison.Ordinal)}\" <{address}>" : address));
            }

            if (Part(v.Template) is { } template)
            {
                parts.Add("template=" + template);
            }

            var key = "variants." + i.ToString(CultureInfo.InvariantCulture);
            if (new[] { v.Name, v.Subject, v.FromAddress, v.FromName, v.Template }.Any(p => p?.Contains(';', StringComparison.Ordinal) == true))
            {
                problems[key] = ["a variant's name, subject, sender and template cannot contain ';'"];
            }
            else if (parts.Count == 0)
            {
                problems[key] = ["give the variant a subject, a sender or a template"];
            }

            variants.Add($"{v.Name?.Trim()}:{string.Join(';', parts)}");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new CampaignSpec
        {
            Name = Part(body.Name), Template = Part(body.Template), Segment = Part(body.Segment), SegmentName = Part(body.SegmentName), At = Part(body.At),
            Window = Part(body.Window), LocalTime = body.LocalTime, ExpireAfter = Part(body.ExpireAfter), Variants = variants, Mode = Part(body.Mode),
            TestShare = body.TestShare, TestWait = Part(body.TestWait), WinnerBy = Part(body.WinnerBy), WaveShare = body.WaveShare, WaveEvery = Part(body.WaveEvery),
            SendTimeOptimised = body.SendTimeOptimised,
        }, problems);
    }

    /// <summary>The validator's problems by the form's field; a variant's own (its message starts with its name) under <c>variants.N</c>.</summary>
    public static IReadOnlyDictionary<string, string[]> Problems(IReadOnlyList<CampaignProblem> problems, CampaignBody body)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(body);
        var names = (body.Variants ?? []).Select(v => v.Name?.Trim() ?? "").ToList();
        return problems
            .Select(p => (Field: Field(p, names), p.Message))
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
    }

    private static string Field(CampaignProblem problem, List<string> variantNames)
    {
        var field = Fields.GetValueOrDefault(problem.Option, "body");
        if (field != "variants")
        {
            return field;
        }

        var index = variantNames.FindIndex(n => n.Length > 0 && (problem.Message.StartsWith(n + ":", StringComparison.Ordinal) || problem.Message.StartsWith("'" + n + ":", StringComparison.Ordinal)));
        return index >= 0 ? "variants." + index.ToString(CultureInfo.InvariantCulture) : field;
    }

    private static string? Part(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
