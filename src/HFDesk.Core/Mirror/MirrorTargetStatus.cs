using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>A target as the list shows it: whether its folder is there and usable, and the space on its volume.</summary>
internal sealed record MirrorTargetStatus(
    MirrorTarget Target,
    bool Exists,
    bool Writable,
    bool? Symlinks,
    long? Free,
    long? Total)
{
    /// <summary>
    /// Looks at the folder without creating it: an unmounted drive must show as missing, not be recreated as an
    /// empty folder on the system disk. Symlink support and space are unknown (null) while it is missing.
    /// </summary>
    public static MirrorTargetStatus Probe(MirrorTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Directory.Exists(target.Path))
        {
            return new MirrorTargetStatus(target, false, false, null, null, null);
        }

        var writable = IsWritable(target.Path);
        bool? symlinks = writable ? SymlinkProbe.AreSupported(target.Path) : null;
        try
        {
            var drive = new DriveInfo(target.Path);
            return new MirrorTargetStatus(target, true, writable, symlinks, drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new MirrorTargetStatus(target, true, writable, symlinks, null, null);
        }
    }

    private static bool IsWritable(string directory)
    {
        var probe = Path.Combine(directory, $".hfdesk-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
