namespace HFDesk.Core.Tests.Downloads;

/// <summary>Whether this process still holds a file open: a leaked handle keeps a temp file locked (Windows) and its space in use.</summary>
internal static class OpenFileHandles
{
    public static bool IsOpen(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsLinux())
        {
            // /proc/self/fd lists every descriptor as a link to what it opened.
            foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                try
                {
                    if (string.Equals(new FileInfo(fd).LinkTarget, full, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
                catch (IOException)
                {
                    // The descriptor closed while we looked.
                }
            }

            return false;
        }

        try
        {
            using var exclusive = new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
