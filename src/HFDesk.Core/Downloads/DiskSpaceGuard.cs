namespace HFDesk.Core.Downloads;

/// <summary>Refuses a transfer up front when its volume cannot hold the bytes still to come.</summary>
internal static class DiskSpaceGuard
{
    public static void EnsureRoom(string path, long requiredBytes)
    {
        if (requiredBytes <= 0)
        {
            return;
        }

        var available = AvailableBytes(path);
        if (available is { } free && free < requiredBytes)
        {
            throw new InsufficientDiskSpaceException(
                $"Not enough free space for '{Path.GetFileName(path)}': {requiredBytes:N0} bytes needed, {free:N0} available on the volume of {Path.GetDirectoryName(path)}")
            {
                RequiredBytes = requiredBytes,
                AvailableBytes = free,
            };
        }
    }

    /// <summary>Free bytes for the current user on the volume holding <paramref name="path"/>, or null when unknown.</summary>
    public static long? AvailableBytes(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null)
        {
            return null;
        }

        try
        {
            // Windows wants a drive root; on Unix DriveInfo takes any directory and statvfs()es it, which follows mounts.
            var drive = OperatingSystem.IsWindows() ? Path.GetPathRoot(directory)! : directory;
            return new DriveInfo(drive).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
