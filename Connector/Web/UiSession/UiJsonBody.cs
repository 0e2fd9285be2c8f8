using System.Text.Json;
using Connector.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Web.UiSession;

/// <summary>
/// A <c>/api/ui</c> request's JSON body as <typeparamref name="T"/> (camelCase, as the pages send it), read within a
/// byte limit by <see cref="ApiJsonBody"/>: the value, or the ProblemDetails to answer (413 too large, 400 not JSON or
/// not of the expected shape, naming the field <c>body</c>); never an exception.
/// </summary>
public static class UiJsonBody
{
    public const int MaxBody = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (document, status) = await ApiJsonBody.ReadAsync(request, MaxBody, cancellationToken);
        if (document is null)
        {
            return (null, status == StatusCodes.Status413PayloadTooLarge
                ? UiApi.Problem(status, "Payload Too Large", "body", $"the body is larger than {MaxBody / 1024} KB")
                : UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "body", "the body is not JSON"));
        }

        using (document)
        {
            try
            {
                return document.RootElement.ValueKind == JsonValueKind.Object && document.Deserialize<T>(JsonSerializerOptions.Web) is { } value
                    ? (value, null)
                    : (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "body", "the body must be a JSON object"));
            }
            catch (JsonException ex)
            {
                var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
                return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, $"{field} has the wrong type"));
            }
        }
    }
}
