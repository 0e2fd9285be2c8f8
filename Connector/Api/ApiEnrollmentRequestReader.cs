using System.Globalization;
using System.Text.Json;
using Connector.Scenarios;

namespace Connector.Api;

/// <summary>
/// Reads and checks the body of <c>POST /api/v1/scenarios/{name}/enrollments</c> within <see cref="MaxBody"/> bytes:
/// exactly one of deal_id / contact_id (a positive whole number) and optional variables; every problem is a value
/// naming the field (400, or 413 for a body too large).
/// </summary>
public static class ApiEnrollmentRequestReader
{
    public const int MaxBody = 64 * 1024;

    public static async Task<(ApiEnrollmentRequest? Request, int Status, string Field, string Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, status) = await ApiJsonBody.ReadAsync(request, MaxBody, cancellationToken);
        if (document is null)
        {
            return status == StatusCodes.Status413PayloadTooLarge
                ? (null, status, "body", $"the body is larger than {MaxBody.ToString(CultureInfo.InvariantCulture)} bytes")
                : Bad("body", "a JSON object is required: {\"deal_id\": … or \"contact_id\": …, \"variables\": {…}}");
        }

        using (document)
        {
            return Check(document.RootElement);
        }
    }

    private static (ApiEnrollmentRequest?, int, string, string) Check(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Bad("body", "a JSON object is required");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("deal_id" or "contact_id" or "variables"))
            {
                return Bad(property.Name.Length > 50 ? "body" : property.Name, "unknown field (known: deal_id, contact_id, variables)");
            }
        }

        var deal = Id(body, "deal_id");
        var contact = Id(body, "contact_id");
        if (deal is false || contact is false)
        {
            var field = deal is false ? "deal_id" : "contact_id";
            return Bad(field, $"a positive whole number (a CRM {field[..^3]} id)");
        }

        if ((deal is null) == (contact is null))
        {
            return Bad("deal_id", "give exactly one of deal_id or contact_id");
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
                if (variables.Count == ApiMessageRequestReader.MaxVariables)
                {
                    return Bad("variables", $"at most {ApiMessageRequestReader.MaxVariables.ToString(CultureInfo.InvariantCulture)} variables");
                }

                if (variable.Name.Length is 0 or > ApiMessageRequestReader.MaxNameLength || !variable.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(variable.Name[0]))
                {
                    return Bad("variables", "a variable name is letters, digits and _ (not starting with a digit), at most 100 characters");
                }

                switch (variable.Value.ValueKind)
                {
                    case JsonValueKind.String: variables[variable.Name] = variable.Value.GetString(); break;
                    case JsonValueKind.Number: variables[variable.Name] = variable.Value.GetRawText(); break;
                    case JsonValueKind.True or JsonValueKind.False: variables[variable.Name] = variable.Value.ValueKind == JsonValueKind.True ? "true" : "false"; break;
                    case JsonValueKind.Null: variables[variable.Name] = null; break;
                    default: return Bad("variables", $"variable {variable.Name}: a string, number or boolean (no objects or lists)");
                }
            }
        }

        var request = deal is long dealId
            ? new ApiEnrollmentRequest(SubjectKind.Deal, dealId, variables)
            : new ApiEnrollmentRequest(SubjectKind.Contact, (long)contact!, variables);
        return (request, StatusCodes.Status200OK, "", "");
    }

    // null: absent; false: present but not a positive whole number; else the id.
    private static object? Id(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null ? null
        : element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var id) && id > 0 ? id
        : false;

    private static (ApiEnrollmentRequest?, int, string, string) Bad(string field, string problem) => (null, StatusCodes.Status400BadRequest, field, problem);
}
