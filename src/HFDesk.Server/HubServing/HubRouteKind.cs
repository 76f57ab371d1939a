namespace HFDesk.Server.HubServing;

internal enum HubRouteKind
{
    Unknown,
    RepoInfo,
    Tree,
    PathsInfo,
    Refs,
    Resolve,
    Raw,
}
