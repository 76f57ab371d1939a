using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace HFDesk.Server.WebRoot;

/// <summary>
/// Serves the web UI from resources embedded as <c>wwwroot/…</c> (see the csproj), so <c>hfdesk</c> ships as one
/// binary with no content root. Only GET/HEAD outside /api; anything unknown falls through to a plain 404.
/// </summary>
internal sealed class EmbeddedWebRootMiddleware(RequestDelegate next)
{
    private static readonly Assembly ResourceAssembly = typeof(EmbeddedWebRootMiddleware).Assembly;
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || ApiErrorWriter.IsApiRequest(request))
        {
            await next(context);
            return;
        }

        var resourceName = ResourceName(request.Path.Value);
        await using var stream = resourceName is null ? null : ResourceAssembly.GetManifestResourceStream(resourceName);
        if (stream is null)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        response.ContentType = ContentTypes.TryGetContentType(resourceName!, out var type) ? type : "application/octet-stream";
        response.ContentLength = stream.Length;
        response.Headers.XContentTypeOptions = "nosniff";
        // The UI changes with every build; revalidating is cheap on loopback and avoids stale modules.
        response.Headers.CacheControl = "no-cache";
        if (HttpMethods.IsGet(request.Method))
        {
            await stream.CopyToAsync(response.Body, context.RequestAborted);
        }
    }

    private static string? ResourceName(string? path)
    {
        var relative = string.IsNullOrEmpty(path) || path == "/" ? "index.html" : path.TrimStart('/');
        if (relative.EndsWith('/'))
        {
            relative += "index.html";
        }

        // Resource names are a flat lookup, but refuse traversal-looking paths outright rather than rely on that.
        if (relative.Contains("..", StringComparison.Ordinal) || relative.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        return "wwwroot/" + relative;
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".js"] = "text/javascript";
        return provider;
    }
}
