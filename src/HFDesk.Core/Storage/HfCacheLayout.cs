using System.Collections.Concurrent;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>
/// One repo at one commit in the Hugging Face hub cache H, exactly as huggingface_hub lays it out
/// (hub-protocol.md §3): <c>{type}s--{owner}--{name}/blobs/&lt;blob&gt;</c>, <c>snapshots/&lt;commit&gt;/&lt;path&gt;</c> as
/// relative symlinks (or copies where symlinks fail), <c>refs/&lt;rev&gt;</c> holding 40 hex without a newline.
/// </summary>
internal sealed class HfCacheLayout : IStorageTarget
{
    // Not "<blob>.incomplete": huggingface_hub <= 1.17 appends to that exact name across runs, and our partial is
    // preallocated with holes, so it would "resume" past bytes that were never written. Still ends in
    // ".incomplete" so both scanners report it as an incomplete file.
    public const string PartialSuffix = ".hfdesk.incomplete";

    public const string JournalSuffix = ".hfdesk.journal";

    private readonly LinkMode _linkMode;
    private readonly FriendlyView? _friendlyView;

    // Repo paths already linked into the friendly view by this layout, so the final pass does not redo them.
    private readonly ConcurrentDictionary<string, byte> _inFriendlyView = new(StringComparer.Ordinal);

    public HfCacheLayout(string hubDir, RepoType type, RepoId repo, string commit, string? friendlyRoot = null, LinkMode linkMode = LinkMode.Auto)
    {
        HubDir = Path.GetFullPath(hubDir);
        Type = type;
        Repo = repo;
        Commit = HexName.RequireCommit(commit);
        _linkMode = linkMode;
        RepoDir = Path.Combine(HubDir, RepoFolderName(type, repo));
        BlobsDir = Path.Combine(RepoDir, "blobs");
        RefsDir = Path.Combine(RepoDir, "refs");
        SnapshotDir = Path.Combine(RepoDir, "snapshots", Commit);
        if (friendlyRoot is not null)
        {
            _friendlyView = new FriendlyView(friendlyRoot, type, repo, linkMode);
        }
    }

    public string HubDir { get; }

    public RepoType Type { get; }

    public RepoId Repo { get; }

    public string Commit { get; }

    public string RepoDir { get; }

    public string BlobsDir { get; }

    public string RefsDir { get; }

    public string SnapshotDir { get; }

    public string OutputDir => _friendlyView?.Directory ?? SnapshotDir;

    string? IStorageTarget.HubDir => HubDir;

    public bool Flat => false;

    /// <summary>huggingface_hub's <c>repo_folder_name</c>: every '/' becomes "--", so a repo without an owner is <c>models--gpt2</c>.</summary>
    public static string RepoFolderName(RepoType type, RepoId repo) =>
        repo.HasOwner ? $"{type.ApiSegment()}--{repo.Owner}--{repo.Name}" : $"{type.ApiSegment()}--{repo.Name}";

    public string BlobPath(string blob) => Path.Combine(BlobsDir, HexName.RequireBlob(blob));

    public string SnapshotPath(string repoPath) => PathConfinement.Resolve(SnapshotDir, repoPath);

    /// <summary><c>refs/main</c>, and <c>refs/refs/pr/1</c> for <c>refs/pr/1</c>: the ref name is used as a relative path.</summary>
    public string RefPath(string revision) => PathConfinement.Resolve(RefsDir, revision);

    public StagedFilePaths PathsFor(RepoFile file)
    {
        // Validated against the friendly view too, so a name it cannot hold fails the plan, not the finish.
        _friendlyView?.PathFor(file.Path);
        var blob = BlobPath(file.BlobName);
        return new StagedFilePaths(blob + PartialSuffix, blob + JournalSuffix, SnapshotPath(file.Path));
    }

    public bool IsPresent(RepoFile file)
    {
        var paths = PathsFor(file);
        return FileProbe.HasSize(paths.FinalPath, file.Size) || FileProbe.HasSize(BlobPath(file.BlobName), file.Size);
    }

    // Cache entries are content-addressed and written only by HF-aware tools: nothing foreign to adopt.
    public Task<bool> AdoptExistingAsync(RepoFile file, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task CommitAsync(IReadOnlyList<RepoFile> sameBlob, CancellationToken cancellationToken)
    {
        if (sameBlob.Count == 0)
        {
            return;
        }

        var first = sameBlob[0];
        var paths = PathsFor(first);
        var blob = BlobPath(first.BlobName);
        var targets = sameBlob.Select(f => SnapshotPath(f.Path)).ToList();
        Directory.CreateDirectory(BlobsDir);
        var useSymlinks = _linkMode == LinkMode.Auto && SymlinkProbe.AreSupported(RepoDir);

        if (File.Exists(paths.TempPath))
        {
            if (FileProbe.HasSize(blob, first.Size))
            {
                // Same name, same content (blob names are content hashes): keep the existing blob, which another
                // program may hold open (Windows refuses to replace an open file).
                File.Delete(paths.TempPath);
            }
            else if (useSymlinks)
            {
                File.Move(paths.TempPath, blob, overwrite: true);
            }
            else
            {
                // Without symlinks huggingface_hub moves a new blob into the snapshot rather than copying it,
                // so a 40 GB model does not take 80 GB on a Windows machine without Developer Mode.
                var destination = targets.FirstOrDefault(t => !FileProbe.HasSize(t, first.Size)) ?? targets[0];
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(paths.TempPath, destination, overwrite: true);
            }
        }

        FileProbe.DeleteIfExists(paths.JournalPath);

        // Link only to a blob that exists: a snapshot holding a real file (written by a tool in no-symlink mode)
        // and no blob must keep its bytes, never become a dangling link.
        var linkable = useSymlinks && FileProbe.HasSize(blob, first.Size);
        foreach (var target in targets)
        {
            if (linkable)
            {
                LinkToBlob(target, blob);
            }
            else if (!FileProbe.HasSize(target, first.Size))
            {
                var source = FileProbe.HasSize(blob, first.Size)
                    ? blob
                    : targets.FirstOrDefault(t => FileProbe.HasSize(t, first.Size))
                      ?? throw new InvalidOperationException($"No bytes for '{first.Path}' to commit: neither a downloaded file nor blob {first.BlobName} exists.");
                await AtomicFile.CopyAsync(source, target, cancellationToken);
            }
        }

        // Linked as each file lands, while other files are still downloading, instead of in one pass at the end
        // (300 small files cost a quarter of a second there).
        foreach (var file in sameBlob)
        {
            await LinkInFriendlyViewAsync(file.Path, cancellationToken);
        }
    }

    public async Task<DownloadManifest> FinishAsync(DownloadCompletion completion, CancellationToken cancellationToken)
    {
        CacheDirTag.EnsureIn(HubDir);

        // JS scanCacheDir warns about a repo folder without refs/, so it exists even when there is no ref to write.
        Directory.CreateDirectory(RefsDir);
        Directory.CreateDirectory(SnapshotDir);
        if (!IsCommitSpelling(completion.Revision))
        {
            // Exactly 40 hex and no newline: with a trailing '\n' both scanners reject the repo.
            AtomicFile.WriteAllBytes(RefPath(completion.Revision), System.Text.Encoding.ASCII.GetBytes(Commit), RepoDir);
        }

        var manifest = DownloadManifestFile.From(Type, Repo, Commit, completion);
        if (_friendlyView is null)
        {
            return manifest;
        }

        foreach (var file in completion.Files)
        {
            await LinkInFriendlyViewAsync(file.Path, cancellationToken);
        }

        manifest = DownloadManifestFile.Merge(DownloadManifestFile.TryRead(_friendlyView.Directory), manifest);
        DownloadManifestFile.Write(_friendlyView.Directory, manifest);
        return manifest;
    }

    public long? AvailableFreeSpace() => FileProbe.AvailableFreeSpace(HubDir);

    private async Task LinkInFriendlyViewAsync(string repoPath, CancellationToken cancellationToken)
    {
        if (_friendlyView is not null && !_inFriendlyView.ContainsKey(repoPath))
        {
            await _friendlyView.LinkAsync(repoPath, SnapshotPath(repoPath), cancellationToken);
            _inFriendlyView.TryAdd(repoPath, 0);
        }
    }

    private static void LinkToBlob(string target, string blob)
    {
        // Relative, from the link's own directory: one extra "../" per subfolder, as both HF clients write it.
        var relative = Path.GetRelativePath(Path.GetDirectoryName(target)!, blob);
        var existing = new FileInfo(target);
        if (existing.LinkTarget == relative)
        {
            return;
        }

        AtomicFile.ReplaceWithSymlink(target, relative);
    }

    // A revision that already is the commit (or a prefix of it) names no ref; huggingface_hub writes none either.
    private bool IsCommitSpelling(string revision) =>
        revision.Length >= 5 && Commit.StartsWith(revision, StringComparison.Ordinal) && revision.All(char.IsAsciiHexDigitLower);
}
