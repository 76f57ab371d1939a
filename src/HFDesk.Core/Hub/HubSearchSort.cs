namespace HFDesk.Core.Hub;

public enum HubSearchSort
{
    Downloads,
    Likes,
    Trending,
    LastModified,
    CreatedAt,
}
