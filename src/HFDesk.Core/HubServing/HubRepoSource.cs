using System.Collections.Concurrent;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Core.HubServing;

/// <summary>
/// The one place <c>/hub</c> asks "what can be served for this repo". Offline: the local cache
/// (<see cref="HubCacheIndex"/>) with the access facts kept from earlier upstream answers. Pull-through: the
/// upstream Hub's answer (asked with HFDesk's own token, kept for later) laid over the local cache, files not
/// here being fillable; when upstream does not answer, what was kept.
/// </summary>
internal sealed class HubRepoSource(HubCacheIndex index, HubMetadataStore kept, HubClientFactory hubs, HubFillCoordinator fills, Func<StorageRoots> roots, TimeProvider time)
{
    // A branch is resolved upstream at most this often per repo: a snapshot download asks for it once per file.
    private static readonly TimeSpan RefFreshness = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(RepoType, RepoId, string), (DateTimeOffset At, string Commit)> _resolved = new();
    private readonly ConcurrentDictionary<(RepoType, RepoId, string), DateTimeOffset> _fileAccess = new();

    public async Task<HubRepoLookup> FindAsync(RepoType type, RepoId id, string? revision, HubEndpointSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var local = index.Find(type, id);
        var keptRepo = kept.Get(type, id);
        var facts = keptRepo?.Facts ?? HubRepoFacts.Unknown;
        if (settings.IsOffline)
        {
            return new HubRepoLookup(local, facts, null, false);
        }

        var rev = revision is null or "HEAD" ? ServedRepo.DefaultBranch : revision;
        string? commit;
        try
        {
            commit = await ResolveUpstreamAsync(type, id, rev, keptRepo, cancellationToken);
        }
        catch (HubException ex) when (ex.Kind is HubErrorKind.RevisionNotFound)
        {
            // The repo is there but not this revision: the handler answers RevisionNotFound from what is merged.
            return new HubRepoLookup(Merge(type, id, local, kept.Get(type, id), null, null), kept.Get(type, id)?.Facts ?? facts, true, false);
        }
        catch (HubException ex) when (ex.Kind is HubErrorKind.NotFound or HubErrorKind.Unauthorized or HubErrorKind.Forbidden)
        {
            // Upstream is the truth in pull-through: a repo it no longer shows us is not served, cached or not.
            return new HubRepoLookup(null, facts, false, false);
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            var merged = Merge(type, id, local, keptRepo, null, null);
            return new HubRepoLookup(merged, facts, null, true);
        }

        keptRepo = kept.Get(type, id);
        return new HubRepoLookup(Merge(type, id, local, keptRepo, rev, commit), keptRepo?.Facts ?? facts, true, false);
    }

    /// <summary>
    /// For a gated repo: whether HFDesk's token may read <paramref name="path"/> upstream right now (a HEAD, cached
    /// for a minute). Null when upstream does not answer.
    /// </summary>
    public async Task<bool?> HasFileAccessAsync(RepoType type, RepoId id, string commit, string path, CancellationToken cancellationToken)
    {
        var key = (type, id, commit);
        if (_fileAccess.TryGetValue(key, out var at) && time.GetUtcNow() - at < TimeSpan.FromMinutes(1))
        {
            return true;
        }

        try
        {
            await hubs.Create().GetFileMetadataAsync(id, type, commit, path, cancellationToken);
            _fileAccess[key] = time.GetUtcNow();
            return true;
        }
        catch (HubException ex) when (ex.Kind is HubErrorKind.Gated or HubErrorKind.Unauthorized or HubErrorKind.Forbidden or HubErrorKind.NotFound)
        {
            return false;
        }
        catch (HubException ex) when (ex.Kind is HubErrorKind.EntryNotFound)
        {
            return true;
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            return null;
        }
    }

    /// <summary>Starts (or joins) the fill of a file known from upstream; null in offline mode.</summary>
    // client: the LAN address that asked, shown with the fill's job.
    public HubFill? Fill(RepoType type, RepoId id, ServedRevision revision, ServedFile file, HubEndpointSettings settings, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(revision);
        return settings.IsOffline ? null : fills.Start(type, id, revision.Commit, file, client);
    }

    private async Task<string> ResolveUpstreamAsync(RepoType type, RepoId id, string rev, KeptRepo? keptRepo, CancellationToken cancellationToken)
    {
        var restricted = keptRepo?.Facts.IsRestricted ?? false;
        // A commit whose tree is kept needs no upstream call, unless the repo is restricted: access is re-checked.
        if (HexName.IsCommit(rev) && keptRepo?.Trees.ContainsKey(rev) == true && !restricted)
        {
            return rev;
        }

        var key = (type, id, rev);
        if (_resolved.TryGetValue(key, out var memo) && time.GetUtcNow() - memo.At < RefFreshness)
        {
            return memo.Commit;
        }

        var hub = hubs.Create();
        var info = await hub.GetRepoInfoAsync(id, type, rev, cancellationToken);
        var commit = info.Sha is { } sha && HexName.IsCommit(sha) ? sha : throw new HubException(HubErrorKind.Upstream, $"The Hub sent no commit for {id}@{rev}");
        IReadOnlyList<RepoFile>? tree = null;
        if (keptRepo?.Trees.ContainsKey(commit) != true)
        {
            tree = await hub.GetTreeAsync(id, type, commit, cancellationToken);
        }

        kept.Update(type, id, repo =>
        {
            var refs = new Dictionary<string, string>(repo.Refs, StringComparer.Ordinal);
            if (!HexName.IsCommit(rev))
            {
                refs[rev] = commit;
            }

            var trees = new Dictionary<string, KeptTree>(repo.Trees, StringComparer.Ordinal);
            if (tree is not null)
            {
                trees[commit] = new KeptTree(info.LastModified ?? time.GetUtcNow(), [.. tree.Select(f => new KeptFile(f.Path, f.Size, f.Oid, f.LfsSha256))]);
            }

            return repo with { Private = info.Private, Gated = info.Gated, CreatedAt = info.CreatedAt, Refs = refs, Trees = trees };
        });
        _resolved[key] = (time.GetUtcNow(), commit);
        return commit;
    }

    /// <summary>The local cache with the kept upstream trees laid over it; a kept file not on disk has no physical path (fillable).</summary>
    private ServedRepo? Merge(RepoType type, RepoId id, ServedRepo? local, KeptRepo? keptRepo, string? rev, string? commit)
    {
        if (keptRepo is null)
        {
            return local;
        }

        var refs = new Dictionary<string, string>(local?.Refs ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var revisions = new Dictionary<string, ServedRevision>(local?.Revisions ?? new Dictionary<string, ServedRevision>(), StringComparer.Ordinal);
        var blobs = Path.Combine(roots().HubDir, HfCacheLayout.RepoFolderName(type, id), "blobs");
        foreach (var (treeCommit, tree) in keptRepo.Trees)
        {
            var held = revisions.GetValueOrDefault(treeCommit);
            var files = new Dictionary<string, ServedFile>(StringComparer.Ordinal);
            foreach (var file in tree.Files)
            {
                if (held?.Files.TryGetValue(file.Path, out var onDisk) == true)
                {
                    files[file.Path] = onDisk;
                    continue;
                }

                // The same content under another commit is already here: its blob serves this path too.
                var blobId = file.LfsSha256 ?? file.Oid;
                var blob = HexName.IsBlob(blobId) ? Path.Combine(blobs, blobId) : null;
                files[file.Path] = new ServedFile(file.Path, file.Size, file.Oid, file.LfsSha256, blob is not null && FileProbe.HasSize(blob, file.Size) ? blob : null);
            }

            revisions[treeCommit] = new ServedRevision(treeCommit, files, held?.LastModified ?? tree.LastModified);
        }

        foreach (var (name, target) in keptRepo.Refs)
        {
            if (revisions.ContainsKey(target) && !refs.ContainsKey(name))
            {
                refs[name] = target;
            }
        }

        if (rev is not null && commit is not null && !HexName.IsCommit(rev) && revisions.ContainsKey(commit))
        {
            // What upstream says now beats what the cache last wrote.
            refs[rev] = commit;
        }

        return revisions.Count == 0 ? null : new ServedRepo(type, id, refs, revisions);
    }

    private static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HubException hub => hub.IsTransient,
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
