using System.Diagnostics.CodeAnalysis;

namespace HFDesk.Core.Hub;

internal static class HubSearchSortExtensions
{
    /// <summary>The names HFDesk's API and CLI accept, in the order they are offered.</summary>
    public static IReadOnlyList<string> Names { get; } = ["downloads", "likes", "trending", "lastModified", "createdAt"];

    /// <summary>The Hub's <c>sort=</c> value: "trending" is <c>trendingScore</c> there.</summary>
    public static string HubValue(this HubSearchSort sort) => sort switch
    {
        HubSearchSort.Likes => "likes",
        HubSearchSort.Trending => "trendingScore",
        HubSearchSort.LastModified => "lastModified",
        HubSearchSort.CreatedAt => "createdAt",
        _ => "downloads",
    };

    public static bool TryParse(string? value, [NotNullWhen(true)] out HubSearchSort? sort)
    {
        sort = value?.Trim().ToUpperInvariant() switch
        {
            "DOWNLOADS" => HubSearchSort.Downloads,
            "LIKES" => HubSearchSort.Likes,
            "TRENDING" or "TRENDINGSCORE" => HubSearchSort.Trending,
            "LASTMODIFIED" => HubSearchSort.LastModified,
            "CREATEDAT" => HubSearchSort.CreatedAt,
            _ => null,
        };
        return sort is not null;
    }
}
