using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary><c>/resolve/</c>, <c>/raw/</c> and <c>/api/resolve-cache/</c>: bytes, LFS redirects to the CDN, and the relative-redirect fault.</summary>
internal sealed class FileEndpoint(FaultPlan faults, CdnBlobRegistry blobs, Func<Uri> cdnEndpoint)
{
    public async Task HandleAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller, RepoKind kind, RepoFixture? repo, string revisionName, string path, FileRouteKind route)
    {
        entry.FilePath = path;
        if (await RepoAccess.DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        var revision = await RepoAccess.RevisionAsync(context, entry, repo!, revisionName);
        if (revision is null)
        {
            return;
        }

        var response = context.Response;
        // Every resolve answer carries the commit, even EntryNotFound: Python then writes .no_exist/{C}/{path}.
        response.Headers["X-Repo-Commit"] = revision.Commit;
        if (repo!.GatedMode is not null && caller != CallerKind.Owner)
        {
            var word = RepoKindNames.Word(kind);
            var url = "https://huggingface.co/" + (kind == RepoKind.Model ? "" : RepoKindNames.Plural(kind) + "/") + repo.Id;
            if (caller == CallerKind.Anonymous)
            {
                await HubResponses.ErrorAsync(context, entry, StatusCodes.Status401Unauthorized, "GatedRepo",
                    $"Access to {word} {repo.Id} is restricted. You must have access to it and be authenticated to access it. Please log in.");
            }
            else
            {
                await HubResponses.ErrorAsync(context, entry, StatusCodes.Status403Forbidden, "GatedRepo",
                    $"Access to {word} {repo.Id} is restricted and you are not in the authorized list. Visit {url} to ask for access.");
            }

            return;
        }

        if (!revision.Files.TryGetValue(path, out var file))
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, "EntryNotFound", "Entry not found");
            return;
        }

        if (route == FileRouteKind.Raw || !file.IsLfs)
        {
            var etag = "\"" + file.GitOid + "\"";
            response.Headers.ETag = etag;
            if (route == FileRouteKind.Resolve && faults.Take(FaultKind.RelativeRedirect, RequestOrigin.Hub, target.DecodedPath, path) is not null)
            {
                // Since 2025 the Hub answers regular files with a relative 307; Python's HEAD follows only
                // relative redirects and reads the final response's headers.
                response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                response.Headers.Location = $"/api/resolve-cache/{RepoKindNames.Plural(kind)}/{repo.Id}/{revision.Commit}/{EscapePath(path)}?etag={Uri.EscapeDataString(etag)}";
                response.ContentLength = 0;
                return;
            }

            response.ContentType = "text/plain; charset=utf-8";
            await ByteResponder.ServeAsync(context, entry, faults, RequestOrigin.Hub, target.DecodedPath, path, file.Raw);
            return;
        }

        blobs.Register(file);
        var sha = file.Sha256;
        var cdn = cdnEndpoint();
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        response.StatusCode = StatusCodes.Status302Found;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.Location = $"{cdn.Scheme}://{cdn.Authority}/repos/{sha[..2]}/{sha[2..4]}/{sha}?response-content-disposition={Uri.EscapeDataString("inline; filename=\"" + fileName + "\"")}&X-Amz-Expires=3600";
        response.Headers.ETag = "\"" + sha + "\"";
        response.Headers["X-Linked-Etag"] = "\"" + sha + "\"";
        response.Headers["X-Linked-Size"] = file.Size.ToString(CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.ContentLength = 0;
    }

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
