using HFDesk.Core.Hub;

namespace HFDesk.Core.Cache;

/// <summary>
/// Whether a job is using a repository right now (queued, running or paused), so the cache must not delete
/// it. The job scheduler implements this; until it exists nothing is active.
/// </summary>
internal interface IRepoActivity
{
    bool IsActive(RepoType type, RepoId repo);
}
