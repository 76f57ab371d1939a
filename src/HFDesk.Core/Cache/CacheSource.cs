namespace HFDesk.Core.Cache;

/// <summary>Where the cache browser found a repository.</summary>
internal enum CacheSource
{
    /// <summary>The HF hub cache H (<c>models--o--n</c>), whoever wrote it.</summary>
    HfCache,
    /// <summary>A friendly-view folder <c>R/models/o/n</c> whose hub cache entry is gone.</summary>
    FriendlyView,
    /// <summary>An <c>owner/name</c> folder under localDir or a localScanDirs root.</summary>
    Local,
}
