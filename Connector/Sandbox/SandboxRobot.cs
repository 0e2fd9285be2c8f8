using System.Text.Json.Nodes;

namespace Connector.Sandbox;

/// <summary>A robot an app registered (bizproc.robot.add): its CODE, HANDLER, whether it waits for the app, its names and properties as sent.</summary>
public sealed record SandboxRobot(string Code, Uri Handler, bool UseSubscription, JsonNode? Name, JsonObject Properties, JsonObject ReturnProperties, long? AuthUserId);
