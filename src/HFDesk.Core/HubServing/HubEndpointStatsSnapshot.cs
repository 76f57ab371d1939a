namespace HFDesk.Core.HubServing;

public sealed record HubEndpointStatsSnapshot(long Requests, long BytesServed, long CacheHits, long UpstreamFills, long Rejected);
