using System.Text.Json.Serialization;

namespace Connector.Crm.Bitrix24;

/// <summary>The JSON body of <c>batch</c>: <c>{"halt":0|1,"cmd":{key:"method?query"}}</c> (batch.md).</summary>
public sealed record Bitrix24BatchRequest(
    [property: JsonPropertyName("halt")] int Halt,
    [property: JsonPropertyName("cmd")] IReadOnlyDictionary<string, string> Cmd);
