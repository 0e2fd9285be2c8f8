namespace Connector.Store.Copy;

/// <summary>A source table, its name in the target and its columns there (in the source's order).</summary>
public sealed record TablePlan(string Source, string Target, IReadOnlyList<TargetColumn> Columns)
{
    public string QuotedTarget => Quote(Target);

    public string TargetColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    public string SourceSelect => $"SELECT {string.Join(", ", Columns.Select(c => Quote(c.Source)))} FROM {Quote(Source)}";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
