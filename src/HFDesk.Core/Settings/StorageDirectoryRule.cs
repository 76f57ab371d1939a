using HFDesk.Core.Storage;

namespace HFDesk.Core.Settings;

/// <summary>
/// Folders HFDesk may own (cacheDir, localDir, localScanDirs, mirror paths): never a filesystem root, a system
/// folder or the user's home itself (api.md Settings). Deleting <c>&lt;localDir&gt;/owner/name</c> with
/// <c>localDir = /</c> would otherwise reach <c>/etc/ssh</c> (issue 12), and a cache in the home folder would
/// mix HFDesk's folders with the user's own.
/// </summary>
internal static class StorageDirectoryRule
{
    // Refused with everything inside them: nothing of a user's models belongs in these trees.
    private static readonly string[] UnixSystemTrees =
    [
        "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/run", "/sbin", "/sys",
        "/System",
    ];

    // Refused themselves only: /var/lib/hfdesk or /usr/local/models are fair places for a service's cache, and
    // macOS keeps temp folders under /private/var.
    private static readonly string[] UnixSystemFolders =
    [
        "/usr", "/usr/bin", "/usr/lib", "/usr/sbin", "/usr/share", "/usr/include", "/usr/local", "/var", "/var/lib",
        "/opt", "/srv", "/mnt", "/media", "/home", "/Users", "/root", "/tmp", "/Library", "/Applications", "/private",
        "/Volumes", "/snap",
    ];

    /// <summary>Null when <paramref name="path"/> (absolute, normalized) may be used, else the reason.</summary>
    public static string? Refusal(string path, HfEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(environment);
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        var root = Path.GetPathRoot(path);
        if (root is not null && string.Equals(Path.TrimEndingDirectorySeparator(root), trimmed, StorageRootContainment.PathComparison))
        {
            return $"'{path}' is a filesystem root";
        }

        if (string.IsNullOrEmpty(trimmed) || trimmed.Length <= (root?.Length ?? 0))
        {
            return $"'{path}' is a filesystem root";
        }

        var (trees, folders) = SystemFolders();
        if (trees.Any(tree => StorageRootContainment.IsLexicallyInside(trimmed, tree))
            || folders.Any(folder => string.Equals(trimmed, folder, StorageRootContainment.PathComparison)))
        {
            return $"'{path}' is a system folder";
        }

        foreach (var home in Homes(environment))
        {
            if (string.Equals(trimmed, home, StorageRootContainment.PathComparison))
            {
                return $"'{path}' is the home folder itself; use a folder inside it";
            }
        }

        return null;
    }

    private static (IReadOnlyList<string> Trees, IReadOnlyList<string> Folders) SystemFolders()
    {
        if (!OperatingSystem.IsWindows())
        {
            return (UnixSystemTrees, UnixSystemFolders);
        }

        // When the special folders are not known (a service account), the usual names still count.
        List<string> trees = [@"C:\Windows", Known(Environment.SpecialFolder.Windows)];
        List<string> folders =
        [
            @"C:\Program Files", @"C:\Program Files (x86)", @"C:\Users",
            Known(Environment.SpecialFolder.ProgramFiles), Known(Environment.SpecialFolder.ProgramFilesX86),
        ];
        return (trees.Where(f => f.Length > 0).ToList(), folders.Where(f => f.Length > 0).ToList());
    }

    private static string Known(Environment.SpecialFolder folder) =>
        Path.TrimEndingDirectorySeparator(Environment.GetFolderPath(folder));

    private static IEnumerable<string> Homes(HfEnvironment environment)
    {
        if (!string.IsNullOrEmpty(environment.UserHome))
        {
            yield return Path.TrimEndingDirectorySeparator(environment.UserHome);
        }

        var process = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(process))
        {
            yield return Path.TrimEndingDirectorySeparator(process);
        }
    }
}
