using Connector.Web;

namespace Connector.Crm.Bitrix24;

/// <summary>The form of an unauthenticated Bitrix24 POST (event, placement, install), read within 64 KB (<see cref="BoundedFormReader"/>).</summary>
public static class Bitrix24FormReader
{
    public const long MaxBody = 64 * 1024;

    private static readonly BoundedFormReader Reader = new(MaxBody, valueCount: 1024, keyLength: 2048, multipartHeaders: (16, 4096),
        "expected an application/x-www-form-urlencoded body");

    public static Task<(IFormCollection? Form, string Problem, int Status)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        Reader.ReadAsync(request, cancellationToken);
}
