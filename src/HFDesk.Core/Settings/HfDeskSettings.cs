using System.Text.Json.Serialization;
using HFDesk.Core.Downloads;
using HFDesk.Core.Units;

namespace HFDesk.Core.Settings;

/// <summary>
/// Every setting of api.md's Settings table with its default. The text forms (<c>32MiB</c>, <c>60s</c>) are
/// kept as the user wrote them so they round-trip; the parsed values are derived from them.
/// Instances are only ever built from validated input, so the parsers below cannot fail.
/// </summary>
internal sealed record HfDeskSettings
{
    public const string DefaultEndpoint = "https://huggingface.co";

    public static HfDeskSettings Defaults { get; } = new();

    public string? Token { get; init; }

    /// <summary>HF root R as configured (config file layer); null means "not configured".</summary>
    public string? CacheDir { get; init; }

    public string LocalDir { get; init; } = "";

    public IReadOnlyList<string> LocalScanDirs { get; init; } = [];

    public bool AllowRequestLocalDir { get; init; }

    public int Connections { get; init; } = 8;

    public int MaxActive { get; init; } = 4;

    public int MaxConcurrentJobs { get; init; } = 1;

    public string MultipartThreshold { get; init; } = "32MiB";

    /// <summary>Bytes per second shared by all jobs; <c>""</c> or <c>0</c> means unlimited.</summary>
    public string MaxSpeed { get; init; } = "";

    /// <summary>api.md default <c>etag</c>: a regular file's bytes are checked against the git sha1 that names its blob.</summary>
    public VerifyMode Verify { get; init; } = VerifyMode.Etag;

    public int Retries { get; init; } = 4;

    public string StallTimeout { get; init; } = "60s";

    /// <summary><c>""</c> means the public Hub.</summary>
    public string Endpoint { get; init; } = "";

    public ProxySettings Proxy { get; init; } = new();

    /// <summary>What fit badges assume instead of the measured machine (null fields: measured).</summary>
    public HardwareSettings Hardware { get; init; } = HardwareSettings.Measured;

    public HubEndpointSettings HubEndpoint { get; init; } = new();

    [JsonIgnore]
    public long MultipartThresholdBytes => ByteSize.TryParse(MultipartThreshold, out var bytes) ? bytes : 32L << 20;

    /// <summary>0 when unlimited.</summary>
    [JsonIgnore]
    public long MaxSpeedBytesPerSecond => ByteSize.TryParse(MaxSpeed, out var bytes) ? bytes : 0;

    /// <summary><see cref="TimeSpan.Zero"/> disables the stall watchdog.</summary>
    [JsonIgnore]
    public TimeSpan StallTimeoutSpan => DurationText.TryParse(StallTimeout, out var span) ? span : TimeSpan.FromSeconds(60);

    [JsonIgnore]
    public Uri EndpointUri => new(string.IsNullOrEmpty(Endpoint) ? DefaultEndpoint : Endpoint);
}
