using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>
/// Real files under <c>&lt;localDir&gt;/&lt;owner&gt;/&lt;name&gt;/&lt;path&gt;</c> (the LM Studio layout), with huggingface_hub's
/// local-dir bookkeeping in <c>.cache/huggingface/</c> (hub-protocol.md §3.6) so <c>hf download --local-dir</c>
/// on the same folder recognises our files instead of fetching them again.
/// </summary>
internal sealed class LocalDirLayout : IStorageTarget
{
    public const string PartialSuffix = ".hfdesk.incomplete";

    public const string JournalSuffix = ".hfdesk.journal";

    private readonly TimeProvider _timeProvider;

    public LocalDirLayout(string localDir, RepoType type, RepoId repo, string commit, TimeProvider? timeProvider = null)
    {
        Type = type;
        Repo = repo;
        Commit = HexName.RequireCommit(commit);
        _timeProvider = timeProvider ?? TimeProvider.System;
        RepoRoot = Path.Combine(Path.GetFullPath(localDir), repo.Owner, repo.Name);
        BookkeepingDir = Path.Combine(RepoRoot, ".cache", "huggingface");
        DownloadDir = Path.Combine(BookkeepingDir, "download");
    }

    public RepoType Type { get; }

    public RepoId Repo { get; }

    public string Commit { get; }

    public string RepoRoot { get; }

    public string BookkeepingDir { get; }

    public string DownloadDir { get; }

    public string OutputDir => RepoRoot;

    public string? HubDir => null;

    public bool Flat => true;

    public string FilePath(string repoPath)
    {
        // A repo file must not land on our own bookkeeping: forged .metadata would make a wrong file "present".
        if (repoPath.StartsWith(".cache/huggingface/", StringComparison.OrdinalIgnoreCase)
            || string.Equals(repoPath, DownloadManifest.FileName, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsafePathException(repoPath, "it would overwrite the download bookkeeping of this folder");
        }

        return PathConfinement.Resolve(RepoRoot, repoPath);
    }

    public string MetadataPath(string repoPath) => PathConfinement.Resolve(DownloadDir, repoPath + ".metadata");

    public StagedFilePaths PathsFor(RepoFile file)
    {
        var final = FilePath(file.Path);
        var partial = PathConfinement.Resolve(DownloadDir, file.Path + PartialSuffix);
        return new StagedFilePaths(partial, PathConfinement.Resolve(DownloadDir, file.Path + JournalSuffix), final);
    }

    public bool IsPresent(RepoFile file)
    {
        var final = FilePath(file.Path);
        if (!FileProbe.HasSize(final, file.Size))
        {
            return false;
        }

        var metadata = LocalDirMetadata.TryRead(MetadataPath(file.Path));
        if (metadata is null || metadata.Etag != file.BlobName)
        {
            return false;
        }

        // huggingface_hub trusts metadata only if it was written after the file: mtime - 1 <= timestamp.
        var mtime = new DateTimeOffset(File.GetLastWriteTimeUtc(final)).ToUnixTimeMilliseconds() / 1000.0;
        return mtime - 1 <= metadata.Timestamp;
    }

    public async Task<bool> AdoptExistingAsync(RepoFile file, CancellationToken cancellationToken)
    {
        var final = FilePath(file.Path);
        if (!FileProbe.HasSize(final, file.Size) || new FileInfo(final).LinkTarget is not null
            || !await ContentHash.MatchesAsync(final, file, cancellationToken))
        {
            return false;
        }

        WriteMetadata(file);
        return true;
    }

    public async Task CommitAsync(IReadOnlyList<RepoFile> sameBlob, CancellationToken cancellationToken)
    {
        if (sameBlob.Count == 0)
        {
            return;
        }

        var first = sameBlob[0];
        var paths = PathsFor(first);
        string? source = null;
        if (File.Exists(paths.TempPath))
        {
            var destination = FilePath(first.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(paths.TempPath, destination, overwrite: true);
            WriteMetadata(first);
            source = destination;
        }

        FileProbe.DeleteIfExists(paths.JournalPath);

        foreach (var file in sameBlob)
        {
            if (IsPresent(file))
            {
                source ??= FilePath(file.Path);
                continue;
            }

            source ??= sameBlob.Where(IsPresent).Select(f => FilePath(f.Path)).FirstOrDefault()
                ?? throw new InvalidOperationException($"No bytes for '{file.Path}' to commit: the downloaded file is missing.");
            await AtomicFile.CopyAsync(source, FilePath(file.Path), cancellationToken);
            WriteMetadata(file);
        }
    }

    public Task<DownloadManifest> FinishAsync(DownloadCompletion completion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(BookkeepingDir);
        var gitignore = Path.Combine(BookkeepingDir, ".gitignore");
        if (!File.Exists(gitignore))
        {
            AtomicFile.WriteAllText(gitignore, "*");
        }

        CacheDirTag.EnsureIn(BookkeepingDir);
        var manifest = DownloadManifestFile.Merge(
            DownloadManifestFile.TryRead(RepoRoot),
            DownloadManifestFile.From(Type, Repo, Commit, completion));
        DownloadManifestFile.Write(RepoRoot, manifest);
        return Task.FromResult(manifest);
    }

    public long? AvailableFreeSpace() => FileProbe.AvailableFreeSpace(RepoRoot);

    private void WriteMetadata(RepoFile file)
    {
        // Written after the file so its timestamp is not older than the file's mtime.
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var metadata = new LocalDirMetadata(Commit, file.BlobName, timestamp);
        AtomicFile.WriteAllText(MetadataPath(file.Path), metadata.Format(), durable: false);
    }
}
