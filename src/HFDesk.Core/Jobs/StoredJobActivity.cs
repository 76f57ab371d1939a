using HFDesk.Core.Cache;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs;

/// <summary>
/// Repo activity as a server's job store records it, for a process that runs no jobs itself (<c>hfdesk cache rm</c>):
/// a queued, running or paused job there still needs its files, whether or not the server is up right now.
/// </summary>
internal sealed class StoredJobActivity(IReadOnlyList<Job> jobs) : IRepoActivity
{
    public static StoredJobActivity None { get; } = new([]);

    /// <summary>The jobs in the data directory's store; none when there is no store yet (never creates one).</summary>
    public static async Task<StoredJobActivity> LoadAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, JobStore.DefaultFileName);
        if (!File.Exists(path))
        {
            return None;
        }

        return new StoredJobActivity(await new JobStore(path).LoadJobsAsync(cancellationToken));
    }

    public bool IsActive(RepoType type, RepoId repo) => jobs.Any(job => JobScheduler.Uses(job, type, repo));
}
