namespace HFDesk.Core.Storage;

internal static class FileProbe
{
    /// <summary>True when <paramref name="path"/> (following links) is a regular file of exactly <paramref name="size"/> bytes.</summary>
    public static bool HasSize(string path, long size)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                // A dangling snapshot link ("Blob missing" to the scanners) is not a present file.
                if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo target || !target.Exists)
                {
                    return false;
                }

                info = target;
            }

            return info.Exists && info.Length == size;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void DeleteIfExists(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    public static long? AvailableFreeSpace(string path)
    {
        try
        {
            var existing = Path.GetFullPath(path);
            while (!Directory.Exists(existing))
            {
                var parent = Path.GetDirectoryName(existing);
                if (parent is null)
                {
                    return null;
                }

                existing = parent;
            }

            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
