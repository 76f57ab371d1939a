namespace HFDesk.HubEmulator;

public enum FaultKind
{
    BandwidthCap,
    CutAfter,
    RateLimit,
    ServerError,
    Stall,
    IgnoreRange,
    RelativeRedirect,
    RefuseExtraConnections,
    CorruptBytes,
    Drip,
    ChangedUpstream,
    LoopingPagination,
    RedirectLoop,
    RedirectElsewhere,
    LyingContentLength,
    LyingContentRange,
    OverdeliverRange,
    PaginationElsewhere,
}
