using System.Text.Json.Nodes;

namespace Connector.Scenarios.Ui;

/// <summary>
/// One scenario for the editor: its row and counts, the versions stored, and the version shown — as the file's JSON
/// tree (<paramref name="Document"/>, the shape the editor edits and saves) and the text it was imported from.
/// </summary>
public sealed record ScenarioDetail(ScenarioListItem Scenario, long ShownVersion, IReadOnlyList<long> Versions, JsonNode? Document, string Source);
