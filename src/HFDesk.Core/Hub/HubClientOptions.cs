namespace HFDesk.Core.Hub;

/// <summary>Everything a <see cref="HubClient"/> needs to talk to a Hub; a snapshot taken when the client is created.</summary>
internal sealed record HubClientOptions
{
    public const string DefaultEndpoint = "https://huggingface.co";

    public static HubClientOptions Default { get; } = new();

    /// <summary>Hub base URL without a trailing slash (mirrors such as hf-mirror.com work the same way).</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Bearer token; only ever sent to <see cref="Endpoint"/>'s host and port.</summary>
    public string? Token { get; init; }

    public HubProxyOptions Proxy { get; init; } = HubProxyOptions.None;

    public string UserAgent { get; init; } = $"hfdesk/{typeof(HubClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    /// <summary>Per-attempt timeout of metadata calls (info, tree, search, HEAD).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of metadata calls on 408/429/5xx, timeouts and connection failures.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Longest wait the client sits out for a Retry-After or RateLimit reset before retrying.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Tree pages followed before giving up; the Hub's pages are ~1,000 entries, so this is ~1M files.</summary>
    public int MaxTreePages { get; init; } = 1000;

    /// <summary>The endpoint as a URI, trailing slashes removed.</summary>
    public Uri EndpointUri => new(NormalizeEndpoint(Endpoint));

    // Records print every property; the token must never reach a log or an exception message that way.
    public override string ToString() =>
        $"HubClientOptions {{ Endpoint = {Endpoint}, Token = {(string.IsNullOrEmpty(Token) ? "none" : "set")}, Proxy = {Proxy} }}";

    public static string NormalizeEndpoint(string? endpoint) =>
        string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : endpoint.Trim().TrimEnd('/');

    /// <summary>The HTTP stack depends only on these fields; a change of token or endpoint reuses connections.</summary>
    internal HubTransportKey TransportKey => new(Proxy, UserAgent, RequestTimeout, MaxRetries, MaxRetryDelay);
}
