namespace Connector.Reports.Ui;

/// <summary>One variant of an A/B or bandit campaign: queued, sent, delivered, human opens and clicks (unique), and the rates the test compares.</summary>
public sealed record AbVariantView(string Name, string? Subject, string? TemplateName, long Queued, long Sent, long Delivered, long Opens, long Clicks, double? OpenRate, double? ClickRate);
