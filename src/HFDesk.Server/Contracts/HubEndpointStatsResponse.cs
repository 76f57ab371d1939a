namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/hub-endpoint/stats</c>: the endpoint's effective state and its counters since the server started.</summary>
internal sealed record HubEndpointStatsResponse(bool Enabled, string Mode, long Requests, long BytesServed, long BytesServedZeroCopy, long CacheHits, long UpstreamFills, long Rejected);
