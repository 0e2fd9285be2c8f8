using System.Text.Json.Serialization;

namespace Connector.Api;

/// <summary>
/// The documented shape of <c>POST /api/v1/messages</c>'s body for the OpenAPI document (the handler reads the body
/// itself, <see cref="ApiMessageRequestReader"/>, to name the field of every problem).
/// </summary>
public sealed record ApiMessageBody(
    [property: JsonPropertyName("template")] string Template,
    [property: JsonPropertyName("template_version")] int? TemplateVersion,
    [property: JsonPropertyName("contact_id")] long? ContactId,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("deal_id")] long? DealId,
    [property: JsonPropertyName("variables")] IReadOnlyDictionary<string, string>? Variables,
    [property: JsonPropertyName("kind")] string? Kind);
