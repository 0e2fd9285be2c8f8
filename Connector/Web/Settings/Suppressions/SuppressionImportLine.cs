namespace Connector.Web.Settings.Suppressions;

/// <summary>A line of an import that was not added: its number in the file, the address as written, why (<c>syntax</c>, <c>note</c>, <c>duplicate</c>, <c>already_listed</c>) and the words for it.</summary>
public sealed record SuppressionImportLine(int Line, string Address, string Reason, string Detail);
