namespace HFDesk.Core.Storage;

/// <summary>
/// "Is this path inside that root" answered on real paths: <c>..</c> is applied after each symlink or
/// junction is resolved (as the OS does), so neither <c>root/../x</c> nor <c>root/link-to-elsewhere/x</c>
/// counts as inside. Parts of the path that do not exist yet are taken literally.
/// </summary>
internal static class StorageRootContainment
{
    // Linux gives up after 40 links (ELOOP); a cycle must not hang us.
    private const int MaxLinkHops = 40;

    public static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static bool IsInside(string path, string root)
    {
        var realPath = TryGetRealPath(path);
        var realRoot = TryGetRealPath(root);
        return realPath is not null && realRoot is not null && IsLexicallyInside(realPath, realRoot);
    }

    /// <summary>Both paths already absolute and normalized.</summary>
    public static bool IsLexicallyInside(string path, string root)
    {
        var r = Path.TrimEndingDirectorySeparator(root);
        var p = Path.TrimEndingDirectorySeparator(path);
        if (p.Equals(r, PathComparison))
        {
            return true;
        }

        return p.Length > r.Length
            && p.StartsWith(r, PathComparison)
            && (IsSeparator(p[r.Length]) || (r.Length > 0 && IsSeparator(r[^1])));
    }

    /// <summary>The path with every existing link resolved and every <c>.</c>/<c>..</c> applied; null if unusable.</summary>
    public static string? TryGetRealPath(string path)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal))
            {
                return null;
            }

            // Not GetFullPath on the raw input: it would apply ".." before links are resolved.
            var absolute = Path.IsPathFullyQualified(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
            var hops = 0;
            return Resolve(absolute, ref hops);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? Resolve(string absolute, ref int hops)
    {
        var root = Path.GetPathRoot(absolute);
        if (string.IsNullOrEmpty(root))
        {
            return null;
        }

        var current = root;
        var parts = absolute[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var existing = true;
        foreach (var part in parts)
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (existing)
            {
                FileSystemInfo info = new FileInfo(next);
                if (!info.Exists)
                {
                    info = new DirectoryInfo(next);
                }

                if (!info.Exists && info.LinkTarget is null)
                {
                    existing = false;
                }
                else if (info.LinkTarget is { } target)
                {
                    if (++hops > MaxLinkHops)
                    {
                        return null;
                    }

                    var targetPath = Path.IsPathFullyQualified(target) ? target : Path.Combine(current, target);
                    var resolved = Resolve(targetPath, ref hops);
                    if (resolved is null)
                    {
                        return null;
                    }

                    next = resolved;
                }
            }

            current = next;
        }

        return current;
    }

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;
}
