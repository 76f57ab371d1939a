using HFDesk.Core.Settings;

namespace HFDesk.Server.Contracts;

internal static class SettingsMapper
{
    public static SettingsResponse ToResponse(this SettingsSnapshot snapshot, string configFile)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var s = snapshot.Effective;
        var roots = snapshot.Roots;
        return new SettingsResponse
        {
            Token = TokenMask.Mask(s.Token),
            TokenSource = SourceWord(snapshot.TokenSource),
            TokenFile = snapshot.TokenFile,
            CacheDir = roots.CacheDir,
            ConfiguredCacheDir = roots.ConfiguredCacheDir,
            EffectiveHubDir = roots.HubDir,
            HubDirSource = roots.HubDirSourceText,
            LocalDir = s.LocalDir,
            LocalScanDirs = s.LocalScanDirs,
            AllowRequestLocalDir = s.AllowRequestLocalDir,
            Connections = s.Connections,
            MaxActive = s.MaxActive,
            MaxConcurrentJobs = s.MaxConcurrentJobs,
            MultipartThreshold = s.MultipartThreshold,
            MaxSpeed = s.MaxSpeed,
            Verify = s.Verify.ToString().ToLowerInvariant(),
            Retries = s.Retries,
            StallTimeout = s.StallTimeout,
            Endpoint = s.Endpoint,
            EndpointSource = SourceWord(snapshot.EndpointSource),
            Proxy = new ProxySettingsResponse(
                s.Proxy.Url,
                s.Proxy.Username,
                s.Proxy.Password.Length > 0,
                s.Proxy.NoProxy,
                s.Proxy.NoEnvProxy,
                s.Proxy.InsecureSkipVerify),
            HubEndpoint = new HubEndpointSettingsResponse(
                s.HubEndpoint.Enabled,
                s.HubEndpoint.Mode,
                [.. s.HubEndpoint.Tokens.Select(t => TokenMask.Mask(t)!)],
                s.HubEndpoint.Anonymous,
                s.HubEndpoint.AllowPrivate),
            Hardware = new HardwareSettingsBody(s.Hardware.Ram, s.Hardware.Vram, s.Hardware.UnifiedMemory),
            Revision = snapshot.Revision,
            ConfigFile = configFile,
        };
    }

    public static SettingsUpdate ToUpdate(this SettingsUpdateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SettingsUpdate
        {
            Token = request.Token,
            CacheDir = request.CacheDir,
            LocalDir = request.LocalDir,
            LocalScanDirs = request.LocalScanDirs,
            AllowRequestLocalDir = request.AllowRequestLocalDir,
            Connections = request.Connections,
            MaxActive = request.MaxActive,
            MaxConcurrentJobs = request.MaxConcurrentJobs,
            MultipartThreshold = request.MultipartThreshold,
            MaxSpeed = request.MaxSpeed,
            Verify = request.Verify,
            Retries = request.Retries,
            StallTimeout = request.StallTimeout,
            Endpoint = request.Endpoint,
            Proxy = request.Proxy is { } proxy
                ? new ProxySettingsUpdate
                {
                    Url = proxy.Url,
                    Username = proxy.Username,
                    Password = proxy.Password,
                    NoProxy = proxy.NoProxy,
                    NoEnvProxy = proxy.NoEnvProxy,
                    InsecureSkipVerify = proxy.InsecureSkipVerify,
                }
                : null,
            HubEndpoint = request.HubEndpoint is { } hub
                ? new HubEndpointSettingsUpdate
                {
                    Enabled = hub.Enabled,
                    Mode = hub.Mode,
                    Tokens = hub.Tokens,
                    Anonymous = hub.Anonymous,
                    AllowPrivate = hub.AllowPrivate,
                }
                : null,
            Hardware = request.Hardware is { } hardware
                ? new HardwareSettings { Ram = hardware.Ram, Vram = hardware.Vram, UnifiedMemory = hardware.UnifiedMemory }
                : null,
        };
    }

    private static string SourceWord(SettingSource source) => source switch
    {
        SettingSource.CommandLine => "commandLine",
        SettingSource.Environment => "environment",
        SettingSource.ConfigFile => "config",
        SettingSource.TokenFile => "tokenFile",
        _ => "default",
    };
}
