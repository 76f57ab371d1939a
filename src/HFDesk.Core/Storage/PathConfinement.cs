using System.Buffers;

namespace HFDesk.Core.Storage;

/// <summary>
/// Maps a repo path as the Hub sends it ('/'-separated) to a full path that is guaranteed to stay inside a root.
/// A malicious or broken tree listing must never make us write, link or delete outside the destination.
/// </summary>
internal static class PathConfinement
{
    private static readonly SearchValues<char> WindowsInvalidChars = SearchValues.Create("<>\"|?*");

    private static readonly HashSet<string> WindowsReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    public static string Resolve(string root, string repoPath) => Resolve(root, repoPath, OperatingSystem.IsWindows());

    public static string Resolve(string root, string repoPath, bool windowsRules) =>
        TryResolve(root, repoPath, windowsRules, out var fullPath, out var error)
            ? fullPath
            : throw new UnsafePathException(repoPath, error);

    public static bool TryResolve(string root, string repoPath, out string fullPath, out string error) =>
        TryResolve(root, repoPath, OperatingSystem.IsWindows(), out fullPath, out error);

    // windowsRules: also reject what only aliases or escapes on Windows (reserved device names, trailing dots
    // and spaces, <>"|?*). Off on Unix so a repo with an aux.py still downloads there.
    public static bool TryResolve(string root, string repoPath, bool windowsRules, out string fullPath, out string error)
    {
        fullPath = "";
        if (!TryValidate(repoPath, windowsRules, out error))
        {
            return false;
        }

        var fullRoot = Path.GetFullPath(root);
        var candidate = Path.GetFullPath(Path.Combine([fullRoot, .. repoPath.Split('/')]));
        if (!IsInside(fullRoot, candidate))
        {
            error = "it resolves outside the destination folder";
            return false;
        }

        fullPath = candidate;
        return true;
    }

    public static bool TryValidate(string repoPath, bool windowsRules, out string error)
    {
        if (string.IsNullOrEmpty(repoPath))
        {
            error = "the path is empty";
            return false;
        }

        foreach (var c in repoPath)
        {
            if (char.IsControl(c))
            {
                error = "the path contains a control character";
                return false;
            }
        }

        // '\' is a separator on Windows and ':' selects a drive or an NTFS alternate stream: both escape or alias.
        if (repoPath.Contains('\\', StringComparison.Ordinal) || repoPath.Contains(':', StringComparison.Ordinal))
        {
            error = "the path contains '\\' or ':'";
            return false;
        }

        if (repoPath[0] == '/')
        {
            error = "the path is absolute";
            return false;
        }

        foreach (var segment in repoPath.Split('/'))
        {
            if (!IsSafeSegment(segment, windowsRules, out error))
            {
                return false;
            }
        }

        error = "";
        return true;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> itself or below it (both full paths).</summary>
    public static bool IsInside(string root, string path)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        if (string.Equals(Path.TrimEndingDirectorySeparator(path), trimmedRoot, comparison))
        {
            return true;
        }

        return path.StartsWith(trimmedRoot + Path.DirectorySeparatorChar, comparison);
    }

    private static bool IsSafeSegment(string segment, bool windowsRules, out string error)
    {
        if (segment.Length == 0)
        {
            error = "the path has an empty segment";
            return false;
        }

        if (segment is "." or "..")
        {
            error = "the path has a '.' or '..' segment";
            return false;
        }

        if (windowsRules)
        {
            // Windows strips trailing dots and spaces, so "a." and "a" would be the same file.
            if (segment[^1] is '.' or ' ')
            {
                error = "a path segment ends with '.' or ' '";
                return false;
            }

            if (segment.IndexOfAny(WindowsInvalidChars) >= 0)
            {
                error = "the path contains a character Windows does not allow";
                return false;
            }

            var stem = segment.Split('.')[0].TrimEnd(' ');
            if (WindowsReservedNames.Contains(stem))
            {
                error = $"'{segment}' is a reserved device name on Windows";
                return false;
            }
        }

        error = "";
        return true;
    }
}
