using System.Text;
using Connector.Web.UiSession;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Web.Settings;

/// <summary>
/// Reads a Settings request's body within a limit: the declared length is checked before a byte is read and the server's
/// limit lowered to the same figure; a body that is too long, not UTF-8 or not the expected JSON comes back as a
/// ProblemDetails naming <paramref name="field"/>, never as an exception.
/// </summary>
public static class SettingsBody
{
    public const int MaxJson = 16 * 1024;

    public static async Task<(string? Text, ProblemHttpResult? Problem)> ReadTextAsync(HttpRequest request, int maxBytes, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(field, maxBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, TooLarge(field, maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            return (null, TooLarge(field, maxBytes));
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return (text.TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", field, "the file is not UTF-8 text (save it as CSV UTF-8)"));
        }
    }

    /// <summary>A JSON body of <typeparamref name="T"/>; a missing or malformed one is a 400 naming <c>body</c>.</summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, string expected, CancellationToken cancellationToken)
        where T : class
    {
        var (text, problem) = await ReadTextAsync(request, MaxJson, "body", cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<T>(text!, System.Text.Json.JsonSerializerOptions.Web) is { } body
                ? (body, null)
                : (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "body", $"a JSON object is required: {expected}"));
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "body", $"a JSON object is required: {expected}"));
        }
    }

    private static ProblemHttpResult TooLarge(string field, int maxBytes) =>
        UiApi.Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", field, $"at most {maxBytes / 1024} KB");
}
