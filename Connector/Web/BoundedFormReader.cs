using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Connector.Web;

/// <summary>
/// Reads the form of an unauthenticated POST within <see cref="MaxBody"/>: the declared length is checked before a byte
/// is read, the server's body limit is lowered to the same figure (a chunked body is cut off there), only UTF-8 (or
/// US-ASCII) is accepted, and every way a body can be malformed or truncated comes back as a value (400/413 and a short
/// reason), never as an exception that would turn into a 500. One per kind of endpoint, with its limits.
/// </summary>
public sealed class BoundedFormReader
{
    private readonly FormOptions _limits;
    private readonly string _expected;

    /// <param name="maxBody">the largest body accepted, in bytes</param>
    /// <param name="valueCount">the most fields</param>
    /// <param name="keyLength">the longest field name</param>
    /// <param name="multipartHeaders">the most headers of a multipart section, and their total length (bytes)</param>
    /// <param name="expected">what the 400 for a body that is not a form says is expected</param>
    public BoundedFormReader(long maxBody, int valueCount, int keyLength, (int Count, int Length) multipartHeaders, string expected)
    {
        MaxBody = maxBody;
        _expected = expected;
        _limits = new FormOptions
        {
            BufferBody = false,
            ValueCountLimit = valueCount,
            KeyLengthLimit = keyLength,
            ValueLengthLimit = (int)maxBody,
            MultipartBodyLengthLimit = maxBody,
            MultipartHeadersCountLimit = multipartHeaders.Count,
            MultipartHeadersLengthLimit = multipartHeaders.Length,
        };
    }

    public long MaxBody { get; }

    public async Task<(IFormCollection? Form, string Problem, int Status)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
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
            return (null, _expected, StatusCodes.Status400BadRequest);
        }

        // UTF-7 and other charsets are refused outright rather than guessed at (Bitrix24 and mail programs send UTF-8 or no charset).
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset.HasValue
            && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !type.Charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"charset {LogText.Safe(type.Charset.Value, 40)} is not supported; send UTF-8", StatusCodes.Status400BadRequest);
        }

        try
        {
            return (await request.ReadFormAsync(_limits, cancellationToken), "", StatusCodes.Status200OK);
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
