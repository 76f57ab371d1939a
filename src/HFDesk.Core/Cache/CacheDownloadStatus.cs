namespace HFDesk.Core.Cache;

/// <summary>What is known about how much of the revision is on disk (api.md <c>downloadStatus</c>).</summary>
internal enum CacheDownloadStatus
{
    /// <summary>No HFDesk manifest: another tool wrote it, so completeness is unknown.</summary>
    Unknown,
    /// <summary>HFDesk downloaded every file of the revision.</summary>
    Complete,
    /// <summary>HFDesk downloaded a deliberate subset (filters or excludes).</summary>
    Filtered,
}
