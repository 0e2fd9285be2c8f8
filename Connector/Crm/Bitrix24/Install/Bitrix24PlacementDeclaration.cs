using System.Text.Json.Serialization;

namespace Connector.Crm.Bitrix24.Install;

public sealed record Bitrix24PlacementDeclaration
{
    [JsonPropertyName("code")] public string Code { get; init; } = "";

    [JsonPropertyName("title")] public string Title { get; init; } = "";

    [JsonPropertyName("description")] public string Description { get; init; } = "";
}
