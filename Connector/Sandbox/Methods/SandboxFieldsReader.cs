using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Methods;

/// <summary>Reads the <c>fields</c> object of crm.contact.add/update and crm.deal.add/update (keys case-insensitive).</summary>
public static class SandboxFieldsReader
{
    public static SandboxContactFields Contact(JsonObject fields) => new()
    {
        Name = Text(fields, "NAME"),
        SecondName = Text(fields, "SECOND_NAME"),
        LastName = Text(fields, "LAST_NAME"),
        AssignedById = SandboxParams.AsLong(SandboxParams.Get(fields, "ASSIGNED_BY_ID")),
        Export = SandboxParams.Get(fields, "EXPORT") is { } export ? SandboxParams.IsTruthy(export) : null,
        Emails = SandboxParams.Get(fields, "EMAIL") is { } email ? Emails(email) : null,
        UserFields = UserFields(fields),
    };

    public static SandboxDealFields Deal(JsonObject fields)
    {
        var contactIds = SandboxParams.Get(fields, "CONTACT_IDS") is { } ids
            ? SandboxParams.AsStrings(ids).Select(s => SandboxParams.AsLong(JsonValue.Create(s)) ?? 0).Where(i => i > 0).ToArray()
            : SandboxParams.AsLong(SandboxParams.Get(fields, "CONTACT_ID")) is { } single ? (single > 0 ? [single] : []) : null;
        return new SandboxDealFields
        {
            Title = Text(fields, "TITLE"),
            CategoryId = SandboxParams.AsLong(SandboxParams.Get(fields, "CATEGORY_ID")) is { } category ? (int)category : null,
            StageId = Text(fields, "STAGE_ID"),
            Opportunity = SandboxParams.AsDecimal(SandboxParams.Get(fields, "OPPORTUNITY")),
            CurrencyId = Text(fields, "CURRENCY_ID"),
            AssignedById = SandboxParams.AsLong(SandboxParams.Get(fields, "ASSIGNED_BY_ID")),
            ContactIds = contactIds,
            UserFields = UserFields(fields),
        };
    }

    private static Dictionary<string, JsonNode?>? UserFields(JsonObject fields)
    {
        var values = fields.Where(p => SandboxUserFields.IsUserField(p.Key)).ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value?.DeepClone(), StringComparer.Ordinal);
        return values.Count == 0 ? null : values;
    }

    private static string? Text(JsonObject fields, string name) => SandboxParams.AsString(SandboxParams.Get(fields, name));

    private static SandboxEmail[] Emails(JsonNode node)
    {
        var items = node switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject obj => obj.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        return [.. items.Select(e =>
        {
            var deleted = SandboxParams.IsTruthy(SandboxParams.Get(e, "DELETE"));
            return new SandboxEmail(
                SandboxParams.AsLong(SandboxParams.Get(e, "ID")) ?? 0,
                SandboxParams.AsString(SandboxParams.Get(e, "VALUE_TYPE")) ?? "WORK",
                deleted ? string.Empty : SandboxParams.AsString(SandboxParams.Get(e, "VALUE")) ?? string.Empty);
        })];
    }
}
