namespace HFDesk.Core.HubServing;

internal sealed record HubEndpointStatsSnapshot(long Requests, long BytesServed, long BytesServedZeroCopy, long CacheHits, long UpstreamFills, long Rejected);
