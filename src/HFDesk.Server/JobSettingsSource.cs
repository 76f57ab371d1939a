using HFDesk.Core.Settings;
using HFDesk.Core.Storage;

namespace HFDesk.Server;

/// <summary>
/// The settings jobs, plans and the WebSocket read: the live <see cref="SettingsStore"/> when the host
/// registered one, else values fixed at startup from the server options and the environment (so the jobs
/// area never stops a server from starting because the settings store is not wired).
/// </summary>
internal sealed class JobSettingsSource
{
    private readonly SettingsStore? _store;
    private readonly HfDeskSettings _fixedSettings = HfDeskSettings.Defaults;
    private readonly StorageRoots? _fixedRoots;
    private readonly string? _fixedDataDir;

    public JobSettingsSource(SettingsStore store)
    {
        _store = store;
    }

    public JobSettingsSource(HfDeskServerOptions options, HfEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var overrides = new SettingsOverrides
        {
            CacheDir = options.CacheDir,
            LocalDir = options.LocalDir,
            DataDir = options.DataDir,
        };
        _fixedRoots = StorageRoots.Resolve(_fixedSettings, overrides, environment);
        _fixedDataDir = DataDirectory.Resolve(options.DataDir, environment);
    }

    /// <summary>Calls <paramref name="onChanged"/> after every settings change (never, with fixed settings).</summary>
    public void OnChanged(Action onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        if (_store is not null)
        {
            _store.Changed += (_, _) => onChanged();
        }
    }

    public HfDeskSettings Current => _store?.Current ?? _fixedSettings;

    public StorageRoots Roots => _store?.Roots ?? _fixedRoots!;

    public long Revision => _store?.Revision ?? 1;

    public string DataDir => _store?.DataDir ?? _fixedDataDir!;
}
