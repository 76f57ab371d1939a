namespace HFDesk.Server.Contracts;

internal sealed record CacheListResponse(
    IReadOnlyList<CacheEntryResponse> Repos,
    CacheStatsResponse Stats,
    string CacheDir,
    string EffectiveHubDir,
    string HubDirSource);
