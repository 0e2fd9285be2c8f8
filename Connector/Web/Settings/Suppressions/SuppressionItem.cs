namespace Connector.Web.Settings.Suppressions;

/// <summary>One entry as the page shows it: its reason, where it came from, the admin's note, and whether it may be lifted (manual only).</summary>
public sealed record SuppressionItem(string Address, string Reason, string? Source, string? Note, string CreatedAt, bool Removable);
