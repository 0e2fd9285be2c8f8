namespace Connector.Sandbox;

/// <summary>A robot an admin placed on a deal stage, with the property values set in its dialog and its timeout (0: waits for ever).</summary>
public sealed record SandboxPlacedRobot(string Code, string Stage, IReadOnlyDictionary<string, string> Properties, long TimeoutSeconds = 0);
