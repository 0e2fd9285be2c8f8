using System.Text.Json.Nodes;
using Connector.Sandbox.Listing;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>The outcome of one method call before the envelope: result, list counters, rows for the cost, or an error.</summary>
public sealed record SandboxCallResult(JsonNode? Result, int? Total, int? Next, int Rows, SandboxError? Error)
{
    public static SandboxCallResult Ok(JsonNode? result) => new(result, null, null, 0, null);

    public static SandboxCallResult List<T>(JsonNode result, SandboxPage<T> page) =>
        new(result, page.Total, page.Next, page.Rows.Count, null);

    public static SandboxCallResult Fail(SandboxError error) => new(null, null, null, 0, error);
}
