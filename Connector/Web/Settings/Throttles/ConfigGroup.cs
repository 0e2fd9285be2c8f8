namespace Connector.Web.Settings.Throttles;

/// <summary>A group of the page (<c>frequency</c>, <c>warmup</c>, <c>domainRates</c>, <c>quietHours</c>, <c>tracking</c>, <c>privacy</c>) and its keys.</summary>
public sealed record ConfigGroup(string Group, IReadOnlyList<ConfigSetting> Settings);
