using System.Collections.Concurrent;
using System.Security.Cryptography;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.HubServing;

/// <summary>
/// Answers "what does this machine hold of repo X" from the HF cache H (whoever wrote it) and from HFDesk's own
/// flat localDir downloads. Read fresh on every call (one repo folder: a directory walk and a link read per
/// file), so a download finishing or a cache deleted by another tool shows at once.
/// </summary>
internal sealed class HubCacheIndex(Func<StorageRoots> roots, TimeProvider timeProvider)
{
    // A snapshot holding a real file (a no-symlink cache) names no blob: its id has to be hashed from the bytes.
    // Up to this size it is taken as a regular git file (git sha1), above as an LFS file (sha256), as the Hub's
    // own .gitattributes puts big files in LFS.
    private const long RegularFileLimit = 10L << 20;

    private static readonly EnumerationOptions Flat = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Modified), (string GitOid, string? Sha256)> _hashed = new();

    public ServedRepo? Find(RepoType type, RepoId id)
    {
        var current = roots();
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        var revisions = new Dictionary<string, ServedRevision>(StringComparer.Ordinal);
        ReadHubCache(Path.Combine(current.HubDir, HfCacheLayout.RepoFolderName(type, id)), refs, revisions);
        if (current.LocalDir is not null)
        {
            ReadFlatDownload(Path.Combine(current.LocalDir, id.Owner, id.Name), type, id, refs, revisions);
        }

        return revisions.Count == 0 ? null : new ServedRepo(type, id, refs, revisions);
    }

    private void ReadHubCache(string repoDir, Dictionary<string, string> refs, Dictionary<string, ServedRevision> revisions)
    {
        var snapshots = Path.Combine(repoDir, "snapshots");
        if (!Directory.Exists(snapshots))
        {
            return;
        }

        var blobs = Path.GetFullPath(Path.Combine(repoDir, "blobs"));
        foreach (var snapshot in new DirectoryInfo(snapshots).EnumerateDirectories("*", Flat))
        {
            if (!HexName.IsCommit(snapshot.Name) || snapshot.LinkTarget is not null)
            {
                continue;
            }

            var files = new Dictionary<string, ServedFile>(StringComparer.Ordinal);
            Walk(snapshot, "", blobs, files);
            if (files.Count > 0)
            {
                revisions[snapshot.Name] = new ServedRevision(snapshot.Name, files, new DateTimeOffset(snapshot.LastWriteTimeUtc, TimeSpan.Zero));
            }
        }

        var refsDir = new DirectoryInfo(Path.Combine(repoDir, "refs"));
        if (refsDir.Exists)
        {
            ReadRefs(refsDir, "", refs, revisions);
        }
    }

    private static void ReadRefs(DirectoryInfo dir, string prefix, Dictionary<string, string> refs, Dictionary<string, ServedRevision> revisions)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos("*", Flat))
        {
            if (entry is DirectoryInfo sub && sub.LinkTarget is null)
            {
                // refs/pr/1 is stored as refs/refs/pr/1: the ref name is the relative path.
                ReadRefs(sub, prefix + sub.Name + "/", refs, revisions);
            }
            else if (entry is FileInfo { Length: 40 } file && file.LinkTarget is null)
            {
                var commit = File.ReadAllText(file.FullName);
                if (HexName.IsCommit(commit) && revisions.ContainsKey(commit))
                {
                    refs[prefix + file.Name] = commit;
                }
            }
        }
    }

    private void Walk(DirectoryInfo dir, string prefix, string blobs, Dictionary<string, ServedFile> files)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos("*", Flat))
        {
            var repoPath = prefix + entry.Name;
            if (entry is DirectoryInfo sub)
            {
                // Never follow a directory link: it could lead anywhere on the disk.
                if (sub.LinkTarget is null)
                {
                    Walk(sub, repoPath + "/", blobs, files);
                }

                continue;
            }

            if (entry.Name.EndsWith(".incomplete", StringComparison.Ordinal))
            {
                continue;
            }

            if (entry.LinkTarget is { } target)
            {
                var blob = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(entry.FullName)!, target));
                var name = Path.GetFileName(blob);
                // Only a link into this repo's blobs/ with a content-id name is trusted: its name is the answer.
                if (!string.Equals(Path.GetDirectoryName(blob), blobs, StorageRootContainment.PathComparison) || !HexName.IsBlob(name))
                {
                    continue;
                }

                var info = new FileInfo(blob);
                if (!info.Exists || info.LinkTarget is not null)
                {
                    continue;
                }

                files[repoPath] = name.Length == 64
                    ? new ServedFile(repoPath, info.Length, LfsPointer.GitOid(name, info.Length), name, blob)
                    : new ServedFile(repoPath, info.Length, name, null, blob);
            }
            else if (entry is FileInfo real)
            {
                var (oid, sha256) = Hash(real);
                files[repoPath] = new ServedFile(repoPath, real.Length, oid, sha256, real.FullName);
            }
        }
    }

    private (string GitOid, string? Sha256) Hash(FileInfo file) =>
        _hashed.GetOrAdd((file.FullName, file.Length, file.LastWriteTimeUtc), key =>
        {
            using var stream = new FileStream(key.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20);
            if (key.Size <= RegularFileLimit)
            {
                var bytes = new byte[key.Size];
                stream.ReadExactly(bytes);
                return (LfsPointer.GitBlobSha1(bytes), null);
            }

            var sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            return (LfsPointer.GitOid(sha256, key.Size), sha256);
        });

    private void ReadFlatDownload(string folder, RepoType type, RepoId id, Dictionary<string, string> refs, Dictionary<string, ServedRevision> revisions)
    {
        var manifest = DownloadManifestFile.TryRead(folder);
        if (manifest is null || manifest.Type != type || !string.Equals(manifest.Repo, id.ToString(), StringComparison.OrdinalIgnoreCase)
            || !HexName.IsCommit(manifest.Commit))
        {
            return;
        }

        var files = revisions.TryGetValue(manifest.Commit, out var held)
            ? new Dictionary<string, ServedFile>(held.Files, StringComparer.Ordinal)
            : new Dictionary<string, ServedFile>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (files.ContainsKey(file.Path) || !HexName.IsBlob(file.Blob))
            {
                continue;
            }

            string physical;
            try
            {
                physical = PathConfinement.Resolve(folder, file.Path);
            }
            catch (UnsafePathException)
            {
                continue;
            }

            // The manifest names what was downloaded; a file since removed or changed in size is not served.
            if (!FileProbe.HasSize(physical, file.Size) || new FileInfo(physical).LinkTarget is not null)
            {
                continue;
            }

            files[file.Path] = file.Lfs
                ? new ServedFile(file.Path, file.Size, LfsPointer.GitOid(file.Blob, file.Size), file.Blob, physical)
                : new ServedFile(file.Path, file.Size, file.Blob, null, physical);
        }

        if (files.Count == 0)
        {
            return;
        }

        revisions[manifest.Commit] = new ServedRevision(manifest.Commit, files, held?.LastModified ?? (manifest.UpdatedAt == default ? timeProvider.GetUtcNow() : manifest.UpdatedAt));
        if (!HexName.IsCommit(manifest.Revision) && manifest.Revision.Length > 0)
        {
            // The HF cache's own ref wins: it is what huggingface_hub last resolved.
            refs.TryAdd(manifest.Revision, manifest.Commit);
        }
    }
}
