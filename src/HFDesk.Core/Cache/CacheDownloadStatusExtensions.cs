namespace HFDesk.Core.Cache;

internal static class CacheDownloadStatusExtensions
{
    /// <summary>The words api.md uses for <c>downloadStatus</c>.</summary>
    public static string Word(this CacheDownloadStatus status) => status switch
    {
        CacheDownloadStatus.Complete => "complete",
        CacheDownloadStatus.Filtered => "filtered",
        _ => "unknown",
    };
}
