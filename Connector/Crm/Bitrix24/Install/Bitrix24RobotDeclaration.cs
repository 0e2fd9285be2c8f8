using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Connector.Crm.Bitrix24.Install;

/// <summary>
/// A robot the installer registers (bizproc.robot.add, or .update when it is already installed; api-reference/bizproc/
/// bizproc-robot/bizproc-robot-add.md): its CODE, the route of its HANDLER below App:PublicUrl, and the fields passed
/// as they are — NAME and DESCRIPTION (a string or a language map), PROPERTIES and RETURN_PROPERTIES (key → PROPERTY),
/// DOCUMENT_TYPE and FILTER. USE_SUBSCRIPTION is always sent explicitly (its empty default differs between docs and server).
/// </summary>
public sealed record Bitrix24RobotDeclaration
{
    [JsonPropertyName("code")] public string Code { get; init; } = "";

    [JsonPropertyName("route")] public string Route { get; init; } = "";

    [JsonPropertyName("use_subscription")] public bool UseSubscription { get; init; } = true;

    [JsonPropertyName("name")] public JsonNode? Name { get; init; }

    [JsonPropertyName("description")] public JsonNode? Description { get; init; }

    [JsonPropertyName("properties")] public JsonObject? Properties { get; init; }

    [JsonPropertyName("return_properties")] public JsonObject? ReturnProperties { get; init; }

    [JsonPropertyName("document_type")] public IReadOnlyList<string> DocumentType { get; init; } = [];

    [JsonPropertyName("filter")] public JsonObject? Filter { get; init; }

    /// <summary>The fields of bizproc.robot.add (without CODE), the HANDLER on <paramref name="publicUrl"/>; also bizproc.robot.update's FIELDS.</summary>
    public JsonObject Fields(Uri publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var fields = new JsonObject
        {
            ["HANDLER"] = new Uri(publicUrl, Route.TrimStart('/')).AbsoluteUri,
            ["USE_SUBSCRIPTION"] = UseSubscription ? "Y" : "N",
            ["NAME"] = Name?.DeepClone(),
        };
        if (Description is not null)
        {
            fields["DESCRIPTION"] = Description.DeepClone();
        }

        if (Properties is not null)
        {
            fields["PROPERTIES"] = Properties.DeepClone();
        }

        if (ReturnProperties is not null)
        {
            fields["RETURN_PROPERTIES"] = ReturnProperties.DeepClone();
        }

        if (DocumentType.Count > 0)
        {
            fields["DOCUMENT_TYPE"] = new JsonArray([.. DocumentType.Select(t => (JsonNode)t)]);
        }

        if (Filter is not null)
        {
            fields["FILTER"] = Filter.DeepClone();
        }

        return fields;
    }
}
