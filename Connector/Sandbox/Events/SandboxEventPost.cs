namespace Connector.Sandbox.Events;

/// <summary>One queued event POST: the handler URL and the form fields with their literal PHP bracket keys.</summary>
public sealed record SandboxEventPost(Uri Handler, IReadOnlyList<KeyValuePair<string, string>> Form);
