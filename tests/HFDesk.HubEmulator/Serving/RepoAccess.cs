using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>Answers for repos a caller may not see, and for unknown revisions (hub-protocol §2 table).</summary>
internal static class RepoAccess
{
    /// <summary>Private repos and missing repos look the same (hub-protocol §2 table).</summary>
    public static async Task<bool> DenyRepoAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoFixture? repo)
    {
        if (repo is null || (repo.IsPrivate && caller != CallerKind.Owner))
        {
            var status = caller == CallerKind.Anonymous ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound;
            await HubResponses.ErrorAsync(context, entry, status, "RepoNotFound", "Repository not found");
            return true;
        }

        if (repo.IsDisabled)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status403Forbidden, null, "Access to this resource is disabled.");
            return true;
        }

        return false;
    }

    public static async Task<FixtureRevision?> RevisionAsync(HttpContext context, RequestLog.Entry entry, RepoFixture repo, string revision)
    {
        var resolved = repo.Resolve(revision);
        if (resolved is null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, "RevisionNotFound", "Invalid rev id: " + revision);
        }

        return resolved;
    }
}
