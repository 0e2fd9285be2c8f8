namespace Connector.Web.Settings.Smtp;

/// <summary>One step of a connection test (<c>connect</c>, <c>greeting</c>, <c>tls</c>, <c>auth</c>): <c>ok</c>, <c>failed</c> or <c>skipped</c>, what happened, how long it took.</summary>
public sealed record SmtpTestStep(string Step, string Status, string Detail, long Milliseconds);
