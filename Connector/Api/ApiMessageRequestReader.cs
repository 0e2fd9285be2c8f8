using System.Globalization;
using System.Text.Json;
using Connector.Sending.Composing;

namespace Connector.Api;

/// <summary>
/// Reads and checks the body of <c>POST /api/v1/messages</c> within <see cref="MaxBody"/> bytes: every problem is a
/// value naming the field (400, or 413 for a body too large), never an exception.
/// </summary>
public static class ApiMessageRequestReader
{
    public const int MaxBody = 64 * 1024;
    public const int MaxVariables = 100;
    public const int MaxNameLength = 100;

    public static async Task<(ApiMessageRequest? Request, int Status, string Field, string Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, status) = await ApiJsonBody.ReadAsync(request, MaxBody, cancellationToken);
        if (document is null)
        {
            return status == StatusCodes.Status413PayloadTooLarge
                ? (null, status, "body", $"the body is larger than {MaxBody.ToString(CultureInfo.InvariantCulture)} bytes")
                : (null, StatusCodes.Status400BadRequest, "body", "a JSON object is required: {\"template\": …, \"contact_id\": … or \"address\": …, \"variables\": {…}}");
        }

        using (document)
        {
            return Check(document.RootElement);
        }
    }

    private static (ApiMessageRequest?, int, string, string) Check(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Bad("body", "a JSON object is required");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("template" or "template_version" or "contact_id" or "address" or "deal_id" or "variables" or "kind"))
            {
                return Bad(property.Name.Length > 50 ? "body" : property.Name, "unknown field (known: template, template_version, contact_id, address, deal_id, variables, kind)");
            }
        }

        if (!body.TryGetProperty("template", out var template) || template.ValueKind != JsonValueKind.String || template.GetString() is not { Length: > 0 and <= MaxNameLength } name)
        {
            return Bad("template", $"the name of a stored template is required (a string of 1 to {MaxNameLength} characters)");
        }

        if (!Optional(body, "template_version", out var version, int.MaxValue))
        {
            return Bad("template_version", "a positive whole number, or leave it out for the latest version");
        }

        if (!Optional(body, "contact_id", out var contactId, long.MaxValue))
        {
            return Bad("contact_id", "a positive whole number (a CRM contact id)");
        }

        if (!Optional(body, "deal_id", out var dealId, long.MaxValue))
        {
            return Bad("deal_id", "a positive whole number (a CRM deal id)");
        }

        string? address = null;
        if (body.TryGetProperty("address", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.String || given.GetString() is not { Length: > 0 and <= 320 } text)
            {
                return Bad("address", "an e-mail address (a string)");
            }

            address = text;
        }

        if (address is null && contactId is null)
        {
            return Bad("contact_id", "give contact_id or address");
        }

        var kind = MailKind.Transactional;
        if (body.TryGetProperty("kind", out var kindValue) && kindValue.ValueKind != JsonValueKind.Null)
        {
            switch (kindValue.ValueKind == JsonValueKind.String ? kindValue.GetString() : null)
            {
                case "transactional": break;
                case "marketing": kind = MailKind.Campaign; break;
                default: return Bad("kind", "transactional or marketing");
            }
        }

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (body.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null)
        {
            if (vars.ValueKind != JsonValueKind.Object)
            {
                return Bad("variables", "an object of names to strings, numbers or booleans");
            }

            foreach (var variable in vars.EnumerateObject())
            {
                if (variables.Count == MaxVariables)
                {
                    return Bad("variables", $"at most {MaxVariables.ToString(CultureInfo.InvariantCulture)} variables");
                }

                if (variable.Name.Length is 0 or > MaxNameLength || !variable.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(variable.Name[0]))
                {
                    return Bad("variables", "a variable name is letters, digits and _ (not starting with a digit), at most 100 characters");
                }

                variables[variable.Name] = variable.Value.ValueKind switch
                {
                    JsonValueKind.String => variable.Value.GetString(),
                    JsonValueKind.Number => variable.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => null,
                    _ => "\0",
                };
                if (variables[variable.Name] == "\0")
                {
                    return Bad("variables", $"variable {variable.Name}: a string, number or boolean (no objects or lists)");
                }
            }
        }

        return (new ApiMessageRequest(name, (int?)version, contactId, address, dealId, variables, kind), StatusCodes.Status200OK, "", "");
    }

    // Absent or null: no value; otherwise a positive whole number up to max.
    private static bool Optional(JsonElement body, string name, out long? value, long max)
    {
        value = null;
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var number) && number > 0 && number <= max)
        {
            value = number;
            return true;
        }

        return false;
    }

    private static (ApiMessageRequest?, int, string, string) Bad(string field, string problem) => (null, StatusCodes.Status400BadRequest, field, problem);
}
