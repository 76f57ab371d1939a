namespace HFDesk.Core.Settings;

/// <summary>
/// A partial change as <c>POST /api/settings</c> sends it: a null field is absent and keeps its value.
/// Text-typed fields (<c>verify</c>) are validated here rather than by the JSON reader so a bad value
/// gets a per-field message instead of a parse error.
/// </summary>
internal sealed record SettingsUpdate
{
    /// <summary>Null or a masked echo keeps, <c>""</c> clears, anything else sets (api.md).</summary>
    public string? Token { get; init; }

    /// <summary><c>""</c> removes the configured value, falling back to <c>HF_HOME</c> or the default.</summary>
    public string? CacheDir { get; init; }

    public string? LocalDir { get; init; }

    public IReadOnlyList<string>? LocalScanDirs { get; init; }

    /// <summary>Read-only through the API; only accepted when it does not change the value.</summary>
    public bool? AllowRequestLocalDir { get; init; }

    public int? Connections { get; init; }

    public int? MaxActive { get; init; }

    public int? MaxConcurrentJobs { get; init; }

    public string? MultipartThreshold { get; init; }

    public string? MaxSpeed { get; init; }

    public string? Verify { get; init; }

    public int? Retries { get; init; }

    public string? StallTimeout { get; init; }

    public string? Endpoint { get; init; }

    public ProxySettingsUpdate? Proxy { get; init; }

    public HubEndpointSettingsUpdate? HubEndpoint { get; init; }

    /// <summary>Replaced whole when present: its null fields mean "measured", not "keep".</summary>
    public HardwareSettings? Hardware { get; init; }
}
