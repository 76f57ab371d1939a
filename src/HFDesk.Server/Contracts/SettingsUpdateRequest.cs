namespace HFDesk.Server.Contracts;

/// <summary>
/// <c>POST /api/settings</c>: a partial change, a null field is absent and keeps its value (api.md). The wire shape of
/// Core's <c>SettingsUpdate</c>, kept here so a Core change cannot change the API by accident.
/// </summary>
internal sealed record SettingsUpdateRequest
{
    /// <summary>Null or a masked echo keeps, <c>""</c> clears, anything else sets.</summary>
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

    public ProxySettingsUpdateRequest? Proxy { get; init; }

    public HubEndpointSettingsUpdateRequest? HubEndpoint { get; init; }

    /// <summary>Replaced whole when present: its null fields mean "measured", not "keep".</summary>
    public HardwareSettingsBody? Hardware { get; init; }
}
