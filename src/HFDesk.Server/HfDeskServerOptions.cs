using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HFDesk.Server;

/// <summary>How <c>hfdesk serve</c> (or a test) wants the server: where it listens, who may call it, which Hub it uses.</summary>
internal sealed record HfDeskServerOptions
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 8080;

    /// <summary>An IP address or <c>localhost</c>. Anything but loopback needs auth or <see cref="InsecureNoAuth"/>.</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>0 picks a free port (read it from <c>app.Urls</c> after start).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Extra browser origins allowed besides the server's own (<c>--allow-origin</c>).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public string? AuthUser { get; init; }

    public string? AuthPass { get; init; }

    /// <summary>Explicit consent to serve a non-loopback address without authentication.</summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>Hub options from the command line and environment (endpoint, token); used when no provider is given.</summary>
    public HubClientOptions Hub { get; init; } = HubClientOptions.Default;

    /// <summary>Live Hub options (the settings store); wins over <see cref="Hub"/>.</summary>
    public IHubClientOptionsProvider? HubOptionsProvider { get; init; }

    /// <summary>Command-line <c>--cache-dir</c>, for the settings wiring (highest precedence).</summary>
    public string? CacheDir { get; init; }

    /// <summary>Command-line <c>--local-dir</c>.</summary>
    public string? LocalDir { get; init; }

    /// <summary>Command-line <c>--data-dir</c>: HFDesk's own config and state.</summary>
    public string? DataDir { get; init; }

    /// <summary>Command-line <c>--allow-request-local-dir</c>.</summary>
    public bool AllowRequestLocalDir { get; init; }

    /// <summary>An already opened settings store (the CLI opens it to report usage errors); else one is opened from the options above.</summary>
    public SettingsStore? Settings { get; init; }

    /// <summary>Environment to read HF_HOME, HF_HUB_CACHE, HF_ENDPOINT, HF_TOKEN from; null reads the process's (tests pass their own).</summary>
    public HfEnvironment? Environment { get; init; }

    /// <summary><c>--hub-endpoint</c>: serve <c>/hub</c> whatever the saved setting says.</summary>
    public bool HubEndpoint { get; init; }

    /// <summary><c>--hub-offline</c>: the hub endpoint answers only from disk.</summary>
    public bool HubOffline { get; init; }

    /// <summary>Tree entries per page under <c>/hub</c>. Large, because llama.cpp reads only the first page.</summary>
    public int HubTreePageSize { get; init; } = 1000;

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Last word on services (tests swap in fakes of real seams, e.g. <c>ILocalRepoIndex</c>).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    // Keep the auth password out of anything that prints the options.
    public override string ToString() =>
        $"HfDeskServerOptions {{ Host = {Host}, Port = {Port}, Auth = {(AuthUser is null ? "off" : "on")}, InsecureNoAuth = {InsecureNoAuth} }}";
}
