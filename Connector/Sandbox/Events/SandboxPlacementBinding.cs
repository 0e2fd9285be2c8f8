namespace Connector.Sandbox.Events;

/// <summary>One <c>placement.bind</c> registration (api-reference/widgets/placement-bind.md).</summary>
public sealed record SandboxPlacementBinding(string Placement, Uri Handler, string Title, string Description, string GroupName);
