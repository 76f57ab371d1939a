using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>
/// The human-browsable copy of a cached repo, <c>R/models/&lt;owner&gt;/&lt;name&gt;/&lt;path&gt;</c> (R = the cache root,
/// next to <c>R/hub</c>), whose entries point at the snapshot files: symlink, else hard link (NTFS allows those
/// without privilege), else a copy.
/// </summary>
internal sealed class FriendlyView(string friendlyRoot, RepoType type, RepoId repo, LinkMode linkMode)
{
    public string Directory { get; } = Path.Combine(Path.GetFullPath(friendlyRoot), type.ApiSegment(), repo.Owner, repo.Name);

    public string PathFor(string repoPath) => PathConfinement.Resolve(Directory, repoPath);

    public async Task LinkAsync(string repoPath, string snapshotFile, CancellationToken cancellationToken)
    {
        var target = PathFor(repoPath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        if (linkMode == LinkMode.Auto && SymlinkProbe.AreSupported(Directory))
        {
            var relative = Path.GetRelativePath(Path.GetDirectoryName(target)!, snapshotFile);
            if (new FileInfo(target).LinkTarget != relative)
            {
                AtomicFile.ReplaceWithSymlink(target, relative);
            }

            return;
        }

        // A hard link to a symlink would keep the symlink's relative target, broken from here: link the real file.
        var realFile = new FileInfo(snapshotFile).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? snapshotFile;
        if (IsSameFile(target, realFile))
        {
            return;
        }

        var temp = AtomicFile.TempNameFor(target);
        if (HardLink.TryCreate(temp, realFile))
        {
            File.Move(temp, target, overwrite: true);
            return;
        }

        await AtomicFile.CopyAsync(realFile, target, cancellationToken);
    }

    private static bool IsSameFile(string a, string b)
    {
        var left = new FileInfo(a);
        var right = new FileInfo(b);
        return left.Exists && right.Exists && left.LinkTarget is null && left.Length == right.Length
            && left.LastWriteTimeUtc == right.LastWriteTimeUtc;
    }
}
