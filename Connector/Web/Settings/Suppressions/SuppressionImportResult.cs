namespace Connector.Web.Settings.Suppressions;

/// <summary>What an import did: how many lines were added and skipped, and each skipped line (the first <see cref="SuppressionImport.MaxListed"/>).</summary>
public sealed record SuppressionImportResult(int Added, int Skipped, IReadOnlyList<SuppressionImportLine> Lines);
