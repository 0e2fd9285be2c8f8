using Connector.Web;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Reads the form of an unauthenticated Bitrix24 POST (event, placement, install) within <see cref="MaxBody"/>:
/// the declared length is checked before a byte is read, the server's body limit is lowered to the same figure (a
/// chunked body is cut off there), only UTF-8 is accepted, and every way a body can be malformed or truncated comes
/// back as a value (400/413 and a short reason), never as an exception that would turn into a 500.
/// </summary>
public static class Bitrix24FormReader
{
    public const long MaxBody = 64 * 1024;

    private static readonly FormOptions Limits = new()
    {
        BufferBody = false,
        ValueCountLimit = 1024,
        KeyLengthLimit = 2048,
        ValueLengthLimit = (int)MaxBody,
        MultipartBodyLengthLimit = MaxBody,
        MultipartHeadersCountLimit = 16,
        MultipartHeadersLengthLimit = 4096,
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
            return (null, "expected an application/x-www-form-urlencoded body", StatusCodes.Status400BadRequest);
        }

        // UTF-7 and other charsets are refused outright rather than guessed at (Bitrix24 sends UTF-8 or no charset).
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset.HasValue
            && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !type.Charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"charset {LogText.Safe(type.Charset.Value, 40)} is not supported; send UTF-8", StatusCodes.Status400BadRequest);
        }

        try
        {
            return (await request.ReadFormAsync(Limits, cancellationToken), "", StatusCodes.Status200OK);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel: the body outgrew MaxRequestBodySize (413) or ended before its Content-Length (400).
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"body is larger than {MaxBody} bytes" : "truncated body", ex.StatusCode);
        }
        catch (InvalidDataException ex)
        {
            // Form limits (too many fields, a field too long) and malformed multipart framing.
            return (null, $"malformed form body: {LogText.Safe(ex.Message, 120)}", StatusCodes.Status400BadRequest);
        }
        catch (IOException)
        {
            // A multipart body that ends before its closing boundary, or a connection that broke mid-body.
            return (null, "truncated form body", StatusCodes.Status400BadRequest);
        }
    }
}
