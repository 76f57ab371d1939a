namespace HFDesk.Server.Contracts;

public sealed record CacheStatsResponse(int TotalModels, int TotalDatasets, long TotalSize, string TotalSizeHuman, int TotalFiles);
