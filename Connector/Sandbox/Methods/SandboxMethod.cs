using System.Text.Json.Nodes;

namespace Connector.Sandbox.Methods;

/// <summary>A REST method handler; it runs under the portal lock and reads/writes the portal's state.</summary>
public delegate SandboxCallResult SandboxMethod(SandboxPortal portal, JsonObject parameters);
