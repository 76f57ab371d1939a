namespace HFDesk.Server.Contracts;

/// <param name="Clean">Also remove friendly-view folders whose hub cache entry is gone, and dangling links.</param>
internal sealed record CacheRebuildRequest(bool Clean);
