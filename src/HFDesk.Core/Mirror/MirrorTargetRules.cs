using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>
/// api.md's rules for a target: a name that is safe in URLs and file names, an absolute path that is not a
/// filesystem root, a system folder or the home folder, and that neither lies inside the hub dir H nor
/// contains it (a mirror inside H would be scanned as repos; H inside a mirror would mirror itself).
/// </summary>
internal static class MirrorTargetRules
{
    public const int MaxNameLength = 64;

    public static bool IsValidName(string? name, out string error)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            error = $"A target name must be 1 to {MaxNameLength} characters from A-Z, a-z, 0-9, '-' and '_'";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>
    /// Checks a stored target again before it is used: <c>mirror-targets.json</c> may have been edited by hand (or
    /// written by an older version, or the hub dir moved since), and a push writes into the target and a pull reads
    /// it. Gives the target with its path normalized, which is the path then used.
    /// </summary>
    public static bool TryRecheck(MirrorTarget target, string hubDir, HfEnvironment environment, out MirrorTarget usable, out string error)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!TryNormalizePath(target.Path, hubDir, environment, out var normalized, out var pathError))
        {
            usable = target;
            error = $"Mirror target '{target.Name}' cannot be used: {pathError}; remove it and add it again";
            return false;
        }

        usable = target with { Path = normalized };
        error = "";
        return true;
    }

    /// <summary>Checks <paramref name="path"/> and returns it normalized (absolute, no trailing separator).</summary>
    public static bool TryNormalizePath(string? path, string hubDir, HfEnvironment environment, out string normalized, out string error)
    {
        normalized = "";
        var text = path?.Trim() ?? "";
        if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal) || text.Any(char.IsControl) || !Path.IsPathFullyQualified(text))
        {
            error = "The target path must be an absolute path";
            return false;
        }

        // ".." is refused outright rather than resolved: a path that names its folder indirectly is a mistake or a probe.
        if (text.Split('/', '\\').Any(segment => segment == ".."))
        {
            error = "The target path must not contain '..'";
            return false;
        }

        try
        {
            normalized = Path.TrimEndingDirectorySeparator(Path.GetFullPath(text));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = "The target path is not a valid path";
            return false;
        }

        // The same rule as every folder HFDesk may own (cacheDir, localDir, scan dirs).
        if (StorageDirectoryRule.Refusal(normalized, environment) is { } refusal)
        {
            error = "The target path " + refusal;
            return false;
        }

        var realTarget = StorageRootContainment.TryGetRealPath(normalized) ?? normalized;
        var realHub = StorageRootContainment.TryGetRealPath(hubDir) ?? Path.GetFullPath(hubDir);
        if (StorageRootContainment.IsLexicallyInside(realTarget, realHub) || StorageRootContainment.IsLexicallyInside(realHub, realTarget))
        {
            error = $"The target path must neither lie inside the hub cache ({hubDir}) nor contain it";
            return false;
        }

        error = "";
        return true;
    }
}
