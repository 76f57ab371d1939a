namespace HFDesk.Server.Contracts;

public sealed record CacheListResponse(
    IReadOnlyList<CacheEntryResponse> Repos,
    CacheStatsResponse Stats,
    string CacheDir,
    string EffectiveHubDir,
    string HubDirSource);
