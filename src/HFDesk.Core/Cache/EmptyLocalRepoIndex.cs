using HFDesk.Core.Hub;

namespace HFDesk.Core.Cache;

/// <summary>Knows of nothing local; the default until the cache scanner is wired in.</summary>
internal sealed class EmptyLocalRepoIndex : ILocalRepoIndex
{
    public ValueTask<LocalRepoPresence> GetPresenceAsync(RepoId repo, RepoType type, CancellationToken cancellationToken) =>
        ValueTask.FromResult(LocalRepoPresence.Absent);
}
