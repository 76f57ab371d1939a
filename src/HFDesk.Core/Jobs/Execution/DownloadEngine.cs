using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;

namespace HFDesk.Core.Jobs.Execution;

/// <summary>
/// The one way to build a repo download, for every caller (the CLI, the server's jobs, mirror, pull-through):
/// Hub clients, runners and options all come from the settings of the moment. It owns the process's single
/// bandwidth limiter, which changes only when the settings publish a new maxSpeed, so a change reaches running
/// transfers at once and no caller sets the rate by hand.
/// </summary>
internal sealed class DownloadEngine : IDisposable
{
    private readonly SettingsStore _settings;
    private readonly HubClientFactory _hubClients;
    private readonly TimeProvider _time;

    public DownloadEngine(SettingsStore settings, HubClientFactory hubClients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(hubClients);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _hubClients = hubClients;
        _time = time;
        Bandwidth = new BandwidthLimiter(time) { BytesPerSecond = settings.Current.MaxSpeedBytesPerSecond };
        settings.Changed += OnSettingsChanged;
    }

    /// <summary>The effective settings now; a run takes them once, at its start.</summary>
    public HfDeskSettings Settings => _settings.Current;

    /// <summary>The process's one bucket (maxSpeed is global); read-only to callers, set from the settings.</summary>
    public BandwidthLimiter Bandwidth { get; }

    /// <summary>A Hub client with the endpoint, token and proxy in effect now.</summary>
    public HubClient CreateHub() => _hubClients.Create();

    /// <summary>A runner fetching through <paramref name="hub"/> under the shared bandwidth limit.</summary>
    public RepoDownloadRunner CreateRunner(HubClient hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return new RepoDownloadRunner(hub, new RangeDownloader(hub.BytesClient, Bandwidth, _time), _time);
    }

    /// <summary>The run options of the current settings (<see cref="RepoDownloadOptions.From"/>).</summary>
    public RepoDownloadOptions Options() => RepoDownloadOptions.From(_settings.Current);

    public void Dispose() => _settings.Changed -= OnSettingsChanged;

    private void OnSettingsChanged(object? sender, SettingsChangedEventArgs e) =>
        Bandwidth.BytesPerSecond = e.Snapshot.Effective.MaxSpeedBytesPerSecond;
}
