using System.Text.Json.Nodes;

namespace Connector.Scenarios.Ui;

/// <summary>
/// What the editor saves: the scenario file as a JSON tree (<see cref="Document"/>, the same schema as a file), or its
/// text (<see cref="Source"/>, YAML or JSON, as <c>crm-esp scenario import</c> reads it). Exactly one.
/// </summary>
public sealed record ScenarioSaveBody(JsonObject? Document, string? Source);
