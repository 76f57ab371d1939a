namespace HFDesk.Core.Hub;

/// <summary>The options that shape the HTTP stack; equal keys share one <see cref="HubHttpTransport"/>.</summary>
internal readonly record struct HubTransportKey(
    HubProxyOptions Proxy,
    string UserAgent,
    TimeSpan RequestTimeout,
    int MaxRetries,
    TimeSpan MaxRetryDelay);
