using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Connector.Templates.Ui;

/// <summary>
/// Reads the editor's JSON body within <see cref="MaxBytes"/>: the declared length is checked before a byte is read
/// and a chunked body is cut off there. The parsed document (the caller disposes it), or 413, or 400 for text that is
/// not JSON; never an exception.
/// </summary>
public static class TemplateUiBody
{
    /// <summary>A template with dozens of blocks is a few kilobytes; Gmail clips a letter at 102 KB.</summary>
    public const int MaxBytes = 512 * 1024;

    public static async Task<(JsonDocument? Document, int Status)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, StatusCodes.Status400BadRequest);
            }

            return (document, StatusCodes.Status200OK);
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
