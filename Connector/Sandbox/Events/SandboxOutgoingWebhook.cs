namespace Connector.Sandbox.Events;

/// <summary>An outgoing webhook of a self-hosted portal (local-integrations/local-webhooks.md): handler, event names, its token.</summary>
public sealed record SandboxOutgoingWebhook(long Id, Uri Handler, IReadOnlyCollection<string> Events, string ApplicationToken);
