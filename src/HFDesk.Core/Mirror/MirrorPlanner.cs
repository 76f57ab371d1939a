using HFDesk.Core.Cache;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>
/// Compares two caches file by file and says what must travel: a snapshot entry is equal when both sides
/// resolve it to the same blob name and size (or, for real files in a no-symlink cache, the same size at the
/// same commit and path). A blob travels once per repo however many snapshots share it, and not at all when
/// the destination already has it; refs are written only where they differ.
/// </summary>
internal static class MirrorPlanner
{
    public static MirrorRepoPlan PlanRepo(MirrorRepo source, MirrorRepo? destination, string destinationHub, bool destinationSymlinks, bool force)
    {
        var destDir = destination?.Directory ?? Path.Combine(destinationHub, source.FolderName);
        var destBlobs = Path.Combine(destDir, "blobs");
        var blobCopies = new List<MirrorCopy>();
        var fileCopies = new List<MirrorCopy>();
        var links = new List<MirrorLink>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (commit, files) in source.Snapshots)
        {
            foreach (var file in files.Values)
            {
                var existing = destination?.Find(commit, file.Path);
                if (!force && existing is not null && AreEqual(file, existing))
                {
                    continue;
                }

                // Every name was checked by the reader, but a destination path is still confined before use.
                var snapshotPath = PathConfinement.Resolve(Path.Combine(destDir, "snapshots", commit), file.Path);
                if (file.Blob is { } blob && destinationSymlinks)
                {
                    var blobPath = Path.Combine(destBlobs, blob);
                    var present = destination is not null && destination.Blobs.TryGetValue(blob, out var size) && size == file.Size;
                    if ((force || !present) && planned.Add(blob))
                    {
                        blobCopies.Add(new MirrorCopy(file.Path, file.SourcePath, blobPath, blob, file.Size));
                    }

                    links.Add(new MirrorLink(file.Path, snapshotPath, blobPath, blob));
                }
                else
                {
                    fileCopies.Add(new MirrorCopy(file.Path, file.SourcePath, snapshotPath, file.Blob, file.Size));
                }
            }
        }

        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, commit) in source.Refs)
        {
            if (destination is null || !destination.Refs.TryGetValue(name, out var other) || other != commit)
            {
                refs[name] = commit;
            }
        }

        return new MirrorRepoPlan(source.Type, source.Id, destDir, blobCopies, fileCopies, links, refs);
    }

    public static MirrorPlan Plan(
        MirrorDirection direction,
        MirrorTarget target,
        MirrorCache source,
        MirrorCache destination,
        bool destinationSymlinks,
        bool force,
        bool deleteExtra,
        IRepoActivity activity)
    {
        var repos = new List<MirrorRepoPlan>();
        var skipped = new List<string>();
        foreach (var repo in source.Repos.Values.OrderBy(r => r.FolderName, StringComparer.Ordinal))
        {
            destination.Repos.TryGetValue(repo.FolderName, out var other);
            var plan = PlanRepo(repo, other, destination.HubDir, destinationSymlinks, force);
            if (plan.IsEmpty)
            {
                continue;
            }

            // A repo with a queued, running or paused download is half-written (or about to change): never copied.
            if (IsBusy(repo, activity))
            {
                skipped.Add(repo.Id);
                continue;
            }

            repos.Add(plan);
        }

        var deletions = new List<MirrorDeletion>();
        if (deleteExtra)
        {
            foreach (var extra in destination.Repos.Values.Where(r => !source.Repos.ContainsKey(r.FolderName)).OrderBy(r => r.FolderName, StringComparer.Ordinal))
            {
                if (IsBusy(extra, activity))
                {
                    skipped.Add(extra.Id);
                    continue;
                }

                deletions.Add(new MirrorDeletion(extra.Type, extra.Id, extra.Directory, SizeOf(extra)));
            }
        }

        return new MirrorPlan(direction, target, source.HubDir, destination.HubDir, destinationSymlinks, repos, deletions, skipped);
    }

    public static bool AreEqual(MirrorFile a, MirrorFile b) =>
        a.Size == b.Size && (a.Blob is null || b.Blob is null || a.Blob == b.Blob);

    public static bool AreEqual(MirrorRepo a, MirrorRepo b)
    {
        if (a.Refs.Count != b.Refs.Count || a.Refs.Any(r => !b.Refs.TryGetValue(r.Key, out var c) || c != r.Value))
        {
            return false;
        }

        if (a.Snapshots.Count != b.Snapshots.Count)
        {
            return false;
        }

        foreach (var (commit, files) in a.Snapshots)
        {
            if (!b.Snapshots.TryGetValue(commit, out var others) || others.Count != files.Count)
            {
                return false;
            }

            foreach (var file in files.Values)
            {
                if (!others.TryGetValue(file.Path, out var other) || !AreEqual(file, other))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static bool IsBusy(MirrorRepo repo, IRepoActivity activity) =>
        repo.RepoId is { } id && activity.IsActive(repo.Type, id);

    /// <summary>Bytes a repo folder holds: its blobs plus the real files of its snapshots (each blob counted once).</summary>
    public static long SizeOf(MirrorRepo repo) =>
        repo.Blobs.Values.Sum() + repo.Snapshots.Values.SelectMany(s => s.Values).Where(f => f.Blob is null).Sum(f => f.Size);
}
