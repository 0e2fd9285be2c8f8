using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Connector.Api;

/// <summary>
/// The one reading of an API request's JSON body within a byte limit: the declared length is checked before a byte is
/// read, the server's body limit is lowered to the same figure, a chunked body is cut off there. The answer is the
/// parsed document (the caller disposes it), or 413 for a body too large, or 400 for one that is not JSON; never an exception.
/// </summary>
public static class ApiJsonBody
{
    public static async Task<(JsonDocument? Document, int Status)> ReadAsync(HttpRequest request, int maxBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBody)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBody;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBody)
                {
                    return (null, StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            return (JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }), StatusCodes.Status200OK);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException)
        {
            return (null, StatusCodes.Status400BadRequest);
        }
    }
}
