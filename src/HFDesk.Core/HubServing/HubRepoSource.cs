using HFDesk.Core.Hub;
using HFDesk.Core.Settings;

namespace HFDesk.Core.HubServing;

/// <summary>
/// The one place <c>/hub</c> asks "what can be served for this repo": the local cache (<see cref="HubCacheIndex"/>)
/// and, in pull-through mode, the upstream Hub's metadata and fills.
/// </summary>
public sealed class HubRepoSource(HubCacheIndex index)
{
    public Task<HubRepoLookup> FindAsync(RepoType type, RepoId id, HubEndpointSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        var local = index.Find(type, id);
        return Task.FromResult(new HubRepoLookup(local, HubRepoFacts.Unknown, null, false));
    }

    /// <summary>Brings a file known from upstream into the cache; null when it cannot (offline, upstream failure).</summary>
    public Task<ServedFile?> FillAsync(RepoType type, RepoId id, ServedRevision revision, ServedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(file);
        cancellationToken.ThrowIfCancellationRequested();
        // Another client's fill (or a download job) may have brought it since the lookup.
        var now = index.Find(type, id)?.Resolve(revision.Commit)?.Files.GetValueOrDefault(file.Path);
        return Task.FromResult(now is { IsOnDisk: true } ? now : null);
    }
}
