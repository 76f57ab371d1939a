using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/settings</c>: effective values (api.md Settings), the token masked and absent when unset.</summary>
internal sealed record SettingsResponse
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    /// <summary>
    /// <c>default</c>, <c>tokenFile</c> (the Hugging Face token file), <c>config</c>, <c>environment</c> (HF_TOKEN)
    /// or <c>commandLine</c>: why a POSTed token may not be the one in effect.
    /// </summary>
    public required string TokenSource { get; init; }

    /// <summary>The token file's path when <see cref="TokenSource"/> is <c>tokenFile</c>; never its contents.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenFile { get; init; }

    public required string CacheDir { get; init; }

    public string? ConfiguredCacheDir { get; init; }

    public required string EffectiveHubDir { get; init; }

    public required string HubDirSource { get; init; }

    public required string LocalDir { get; init; }

    public required IReadOnlyList<string> LocalScanDirs { get; init; }

    public bool AllowRequestLocalDir { get; init; }

    public int Connections { get; init; }

    public int MaxActive { get; init; }

    public int MaxConcurrentJobs { get; init; }

    public required string MultipartThreshold { get; init; }

    public required string MaxSpeed { get; init; }

    public required string Verify { get; init; }

    public int Retries { get; init; }

    public required string StallTimeout { get; init; }

    /// <summary><c>""</c> means the public Hub.</summary>
    public required string Endpoint { get; init; }

    public required string EndpointSource { get; init; }

    public required ProxySettingsResponse Proxy { get; init; }

    public required HubEndpointSettingsResponse HubEndpoint { get; init; }

    /// <summary><c>{ ram, vram, unifiedMemory }</c>: what fit badges assume; null fields are measured (<c>GET /api/system</c>).</summary>
    public required HardwareSettingsBody Hardware { get; init; }

    /// <summary>Bumped by every applied change and when the token file changes the token in effect (also sent as <c>settingsRevision</c> over the WebSocket).</summary>
    public long Revision { get; init; }

    public required string ConfigFile { get; init; }

    /// <summary>Read here, changed through <c>/api/mirror/targets</c> (api.md); kept in their own file in the data dir.</summary>
    public IReadOnlyList<MirrorTargetResponse> MirrorTargets { get; init; } = [];
}
