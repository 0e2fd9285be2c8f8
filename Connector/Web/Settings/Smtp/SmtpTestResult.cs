namespace Connector.Web.Settings.Smtp;

/// <summary>A connection test of one transport: whether every step that ran passed, each step, and the bound it ran under.</summary>
public sealed record SmtpTestResult(string Name, bool Ok, IReadOnlyList<SmtpTestStep> Steps, long TimeoutMilliseconds);
