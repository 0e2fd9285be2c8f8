using Connector.Web;

namespace Connector.Tracking;

/// <summary>The unsubscribe POST's form (urlencoded or multipart), read within 8 KB (<see cref="BoundedFormReader"/>).</summary>
public static class TrackingFormReader
{
    public const long MaxBody = 8 * 1024;

    private static readonly BoundedFormReader Reader = new(MaxBody, valueCount: 32, keyLength: 256, multipartHeaders: (8, 2048),
        "expected a form body (application/x-www-form-urlencoded or multipart/form-data)");

    public static Task<(IFormCollection? Form, string Problem, int Status)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        Reader.ReadAsync(request, cancellationToken);
}
