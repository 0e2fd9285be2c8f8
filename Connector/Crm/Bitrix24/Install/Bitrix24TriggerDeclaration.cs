using System.Text.Json.Serialization;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>An app automation trigger the installer registers (crm.automation.trigger.add {CODE, NAME}).</summary>
public sealed record Bitrix24TriggerDeclaration
{
    [JsonPropertyName("code")] public string Code { get; init; } = "";

    [JsonPropertyName("name")] public string Name { get; init; } = "";
}
