using HFDesk.Core.Hub;

namespace HFDesk.Core.Cache;

/// <summary>
/// Whether a repository is already on this machine (HF cache, friendly view, local roots): the "local" badge of
/// search results. The cache scanner provides the real one; <see cref="EmptyLocalRepoIndex"/> until then.
/// </summary>
internal interface ILocalRepoIndex
{
    ValueTask<LocalRepoPresence> GetPresenceAsync(RepoId repo, RepoType type, CancellationToken cancellationToken);
}
