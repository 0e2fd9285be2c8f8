namespace Connector.Web.Settings.Suppressions;

/// <summary>The body of <c>POST /api/ui/settings/suppressions</c>: the address and an optional note (why it is added).</summary>
public sealed record SuppressionAddBody(string? Address, string? Note);
