using Connector.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Connector.Tracking;

/// <summary>
/// Reads the unsubscribe POST's form (urlencoded or multipart) within <see cref="MaxBody"/>: the declared length is
/// checked before a byte is read, the server's body limit lowered to the same figure (a chunked body is cut off there),
/// UTF-8 or US-ASCII only; every malformed or truncated body comes back as a value (400/413), never as an exception.
/// </summary>
public static class TrackingFormReader
{
    public const long MaxBody = 8 * 1024;

    private static readonly FormOptions Limits = new()
    {
        BufferBody = false,
        ValueCountLimit = 32,
        KeyLengthLimit = 256,
        ValueLengthLimit = (int)MaxBody,
        MultipartBodyLengthLimit = MaxBody,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 2048,
    };

    public static async Task<(IFormCollection? Form, string Problem, int Status)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBody)
        {
            return (null, $"body of {request.ContentLength} bytes is larger than {MaxBody}", StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody;
        }

        if (!request.HasFormContentType)
        {
            return (null, "expected a form body (application/x-www-form-urlencoded or multipart/form-data)", StatusCodes.Status400BadRequest);
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset.HasValue
            && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !type.Charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"charset {LogText.Safe(type.Charset.Value, 40)} is not supported", StatusCodes.Status400BadRequest);
        }

        try
        {
            return (await request.ReadFormAsync(Limits, cancellationToken), "", StatusCodes.Status200OK);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"body is larger than {MaxBody} bytes" : "truncated body", ex.StatusCode);
        }
        catch (InvalidDataException ex)
        {
            return (null, $"malformed form body: {LogText.Safe(ex.Message, 120)}", StatusCodes.Status400BadRequest);
        }
        catch (IOException)
        {
            return (null, "truncated form body", StatusCodes.Status400BadRequest);
        }
    }
}
