namespace HFDesk.Core.Cache;

internal enum CacheDeleteOutcome
{
    Deleted,
    NotFound,
    /// <summary>A job is using the repository (api.md: 409).</summary>
    Active,
    /// <summary>The repository id is not valid (api.md: 400).</summary>
    Invalid,
    /// <summary>The copy lies under a read-only <c>localScanDirs</c> root (api.md: 403).</summary>
    ReadOnly,
    /// <summary>A local folder HFDesk did not write (no manifest): never deleted (api.md: 409 with the path).</summary>
    NotOurs,
}
