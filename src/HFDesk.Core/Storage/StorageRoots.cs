using HFDesk.Core.Hub;
using HFDesk.Core.Settings;

namespace HFDesk.Core.Storage;

/// <summary>
/// Where things live on disk, resolved once from flags, environment and config (api.md Settings): the HF
/// root R, the hub dir H, the optional LM-Studio-style localDir and the read-only scan roots. Immutable:
/// a job copies the value it was created with, so a later settings change never moves its files.
/// </summary>
internal sealed record StorageRoots
{
    /// <summary>R: the HF root; the friendly view lives in <c>R/models</c> and <c>R/datasets</c>.</summary>
    public required string CacheDir { get; init; }

    /// <summary>H: the HF hub cache (<c>models--o--n</c> folders).</summary>
    public required string HubDir { get; init; }

    public required HubDirSource HubDirSource { get; init; }

    /// <summary>The config-file value of cacheDir, whatever wins in the end.</summary>
    public string? ConfiguredCacheDir { get; init; }

    /// <summary>Null when downloads go to the HF cache.</summary>
    public string? LocalDir { get; init; }

    public IReadOnlyList<string> LocalScanDirs { get; init; } = [];

    public bool AllowRequestLocalDir { get; init; }

    public string HubDirSourceText => HubDirSource switch
    {
        HubDirSource.HfHubCache => "HF_HUB_CACHE",
        HubDirSource.CacheDir => "cacheDir",
        HubDirSource.HfHome => "HF_HOME",
        _ => "default",
    };

    public static StorageRoots Resolve(HfDeskSettings configured, SettingsOverrides overrides, HfEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(environment);

        string cacheDir;
        HubDirSource source;
        if (!string.IsNullOrWhiteSpace(overrides.CacheDir))
        {
            cacheDir = environment.ExpandHome(overrides.CacheDir.Trim());
            source = HubDirSource.CacheDir;
        }
        else if (!string.IsNullOrWhiteSpace(configured.CacheDir))
        {
            cacheDir = configured.CacheDir;
            source = HubDirSource.CacheDir;
        }
        else
        {
            // huggingface_hub's default honours XDG_CACHE_HOME before ~/.cache; sharing its cache means matching it.
            cacheDir = environment.HuggingFaceHome;
            source = environment.Get(HfEnvironment.HfHome) is null ? HubDirSource.Default : HubDirSource.HfHome;
        }

        cacheDir = Normalize(cacheDir);
        var hubDir = Path.Combine(cacheDir, "hub");
        if ((environment.GetPath(HfEnvironment.HfHubCache) ?? environment.GetPath(HfEnvironment.LegacyHubCache)) is { } hubCache)
        {
            hubDir = Normalize(hubCache);
            source = HubDirSource.HfHubCache;
        }

        var localDir = !string.IsNullOrWhiteSpace(overrides.LocalDir)
            ? environment.ExpandHome(overrides.LocalDir.Trim())
            : configured.LocalDir;

        return new StorageRoots
        {
            CacheDir = cacheDir,
            HubDir = hubDir,
            HubDirSource = source,
            ConfiguredCacheDir = configured.CacheDir,
            LocalDir = string.IsNullOrWhiteSpace(localDir) ? null : Normalize(localDir),
            LocalScanDirs = configured.LocalScanDirs.Select(Normalize).ToList(),
            AllowRequestLocalDir = overrides.AllowRequestLocalDir || configured.AllowRequestLocalDir,
        };
    }

    /// <summary>The friendly view root for a type: <c>R/models</c> or <c>R/datasets</c>.</summary>
    public string FriendlyRoot(RepoType type) => Path.Combine(CacheDir, type.ApiSegment());

    /// <summary>Every root a request may name a path inside (api.md diskfree); extra roots such as mirror targets can be added.</summary>
    public IReadOnlyList<string> AllowedRoots(IEnumerable<string>? extraRoots = null)
    {
        var roots = new List<string> { HubDir, CacheDir };
        if (LocalDir is not null)
        {
            roots.Add(LocalDir);
        }

        roots.AddRange(LocalScanDirs);
        if (extraRoots is not null)
        {
            roots.AddRange(extraRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Normalize));
        }

        return roots;
    }

    /// <summary>
    /// True when <paramref name="path"/> is one of the allowed roots or inside one, judged on real paths so
    /// <c>..</c> and links pointing out of a root do not pass.
    /// </summary>
    public bool Contains(string path, IEnumerable<string>? extraRoots = null) =>
        AllowedRoots(extraRoots).Any(root => StorageRootContainment.IsInside(path, root));

    /// <summary>
    /// Validates a download request's own <c>localDir</c>: allowed only when the server permits it, and only
    /// inside <c>localDir</c> or a scan root. Returns the absolute path, or null with the reason.
    /// </summary>
    public string? ResolveRequestLocalDir(string requested, out string? error)
    {
        if (!AllowRequestLocalDir)
        {
            error = "This server does not accept a localDir in requests (start it with --allow-request-local-dir)";
            return null;
        }

        if (string.IsNullOrWhiteSpace(requested) || !Path.IsPathFullyQualified(requested.Trim()))
        {
            error = "localDir must be an absolute path";
            return null;
        }

        var roots = new List<string>(LocalScanDirs);
        if (LocalDir is not null)
        {
            roots.Insert(0, LocalDir);
        }

        // The checked real path is what the job gets, so a link swapped in later cannot redirect it.
        var full = StorageRootContainment.TryGetRealPath(requested.Trim());
        if (full is null || !roots.Any(root => StorageRootContainment.IsInside(full, root)))
        {
            error = "localDir must lie inside the configured localDir or a localScanDirs root";
            return null;
        }

        error = null;
        return full;
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
