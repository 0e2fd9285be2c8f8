namespace Connector.Sandbox;

/// <summary>What opening a widget got back (StatusCode 0 when it never got an answer) and the viewer's token it carried.</summary>
public sealed record SandboxPlacementResult(int StatusCode, string Body, string AuthId);
