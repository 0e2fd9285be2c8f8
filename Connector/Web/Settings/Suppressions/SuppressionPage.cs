namespace Connector.Web.Settings.Suppressions;

/// <summary>A page of the search: its entries and the cursor of the next page (null on the last).</summary>
public sealed record SuppressionPage(IReadOnlyList<SuppressionItem> Items, string? NextAfter);
