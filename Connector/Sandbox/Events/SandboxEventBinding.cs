namespace Connector.Sandbox.Events;

/// <summary>One <c>event.bind</c> registration (api-reference/events/event-bind.md); Id goes out as event_handler_id.</summary>
public sealed record SandboxEventBinding(long Id, string Event, Uri Handler, int AuthType, bool Offline);
