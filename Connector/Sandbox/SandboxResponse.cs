using System.Text.Json.Nodes;

namespace Connector.Sandbox;

/// <summary>What the sandbox answers to one HTTP request: status code and JSON body.</summary>
public sealed record SandboxResponse(int Status, JsonObject Body);
