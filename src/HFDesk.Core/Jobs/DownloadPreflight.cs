using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs;

/// <summary>
/// Resolves a download's repo and revision before a job exists (api.md Plan and download): a missing repo, a
/// revision that is not there or no access fail the request itself, as plan does, instead of a 202 and a job
/// that fails later (issue 12). Only a Hub that cannot answer now (down, rate limiting, timing out) lets the job
/// be queued, to start when it can.
/// </summary>
internal static class DownloadPreflight
{
    /// <exception cref="HubException">The Hub said no: the repo or revision is missing, or access is refused.</exception>
    public static async Task CheckAsync(HubClient hub, JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await hub.GetRepoInfoAsync(request.Repo, request.Type, request.Revision, cancellationToken);
        }
        catch (HubException ex) when (ex.IsTransient)
        {
            // Unreachable or overloaded: the scheduler's retries are the right place to wait for it.
        }
    }
}
