namespace Connector.Sending.Composing;

/// <summary>A rendered letter for one recipient: subject, preheader, HTML and (optional) text part.</summary>
public sealed record Letter(string Subject, string? Preheader, string Html, string? Text);
