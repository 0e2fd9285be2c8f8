using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>manifests/bitrix24-app.json: the scopes, events, placements, automation triggers and robots the app declares; the installer binds and registers them.</summary>
public sealed record Bitrix24AppManifest
{
    [JsonPropertyName("scopes")] public IReadOnlyList<string> Scopes { get; init; } = [];

    [JsonPropertyName("events")] public IReadOnlyList<string> Events { get; init; } = [];

    [JsonPropertyName("placements")] public IReadOnlyList<Bitrix24PlacementDeclaration> Placements { get; init; } = [];

    [JsonPropertyName("triggers")] public IReadOnlyList<Bitrix24TriggerDeclaration> Triggers { get; init; } = [];

    [JsonPropertyName("robots")] public IReadOnlyList<Bitrix24RobotDeclaration> Robots { get; init; } = [];

    public static Bitrix24AppManifest Load(string? path = null)
    {
        var file = path ?? Path.Combine(AppContext.BaseDirectory, "manifests", "bitrix24-app.json");
        return JsonSerializer.Deserialize<Bitrix24AppManifest>(File.ReadAllText(file))
            ?? throw new InvalidDataException($"{file}: empty manifest");
    }
}
