using HFDesk.Core.Cache;
using HFDesk.Core.Hub;

namespace HFDesk.Server.Contracts;

internal static class SearchItemMapper
{
    public static SearchItem ToSearchItem(this RepoInfo info, LocalRepoPresence presence)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(presence);
        return new SearchItem(
            info.Id,
            // Search listings omit the author unless expanded; the id's owner is the same thing.
            info.Author ?? (info.Id.Contains('/', StringComparison.Ordinal) ? info.Id[..info.Id.IndexOf('/', StringComparison.Ordinal)] : null),
            info.Downloads,
            info.Likes,
            info.TrendingScore,
            info.LastModified,
            info.CreatedAt,
            info.Private,
            info.IsGated,
            info.PipelineTag,
            info.LibraryName,
            info.Tags,
            info.Type == RepoType.Dataset,
            new LocalBadge(presence.Present, presence.Sources, presence.DownloadStatus),
            info.ParameterCount,
            RepoFormats.Of(info));
    }
}
