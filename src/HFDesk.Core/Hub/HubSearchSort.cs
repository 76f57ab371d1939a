namespace HFDesk.Core.Hub;

internal enum HubSearchSort
{
    Downloads,
    Likes,
    Trending,
    LastModified,
    CreatedAt,
}
