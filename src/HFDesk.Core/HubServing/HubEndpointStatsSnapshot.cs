namespace HFDesk.Core.HubServing;

internal sealed record HubEndpointStatsSnapshot(long Requests, long BytesServed, long CacheHits, long UpstreamFills, long Rejected);
