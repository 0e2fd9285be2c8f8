using Microsoft.Extensions.FileProviders;

namespace Connector.Web.UiSession;

/// <summary>
/// <c>/ui/*</c>: the built app's scripts, styles and images (public files, no CRM data; <c>index.html</c> itself is
/// only ever answered through a verified placement POST). Vite's hashed <c>/ui/assets/*</c> are cached for a year.
/// </summary>
public static class UiStaticFiles
{
    public static IApplicationBuilder UseUiStaticFiles(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!Directory.Exists(UiPage.Folder))
        {
            return app;
        }

        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new FilteredFiles(new PhysicalFileProvider(UiPage.Folder)),
            RequestPath = "/ui",
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                file.Context.Response.Headers.CacheControl = file.Context.Request.Path.StartsWithSegments("/ui/assets", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
    }

    /// <summary>Everything in the folder but the page shell.</summary>
    private sealed class FilteredFiles(IFileProvider inner) : IFileProvider
    {
        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IFileInfo GetFileInfo(string subpath) =>
            subpath.TrimStart('/').Equals("index.html", StringComparison.OrdinalIgnoreCase) ? new NotFoundFileInfo(subpath) : inner.GetFileInfo(subpath);

        public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => inner.Watch(filter);
    }
}
