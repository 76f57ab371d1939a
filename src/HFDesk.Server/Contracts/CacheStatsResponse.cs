namespace HFDesk.Server.Contracts;

internal sealed record CacheStatsResponse(int TotalModels, int TotalDatasets, long TotalSize, string TotalSizeHuman, int TotalFiles);
