using HFDesk.Core.Settings;

namespace HFDesk.Server.HubServing;

/// <summary>
/// The hub endpoint settings in effect: the saved <c>hubEndpoint</c> settings with <c>--hub-endpoint</c> and
/// <c>--hub-offline</c> laid over them, read live so a change in the settings page applies to the next request.
/// </summary>
internal sealed class HubEndpointConfiguration(SettingsStore settings, HfDeskServerOptions options)
{
    public bool LoopbackOnly { get; } = HfDeskServerBinding.Resolve(options).IsLoopback;

    public int TreePageSize => options.HubTreePageSize;

    public HubEndpointSettings Current
    {
        get
        {
            var current = settings.Current.HubEndpoint;
            if (options.HubEndpoint)
            {
                current = current with { Enabled = true };
            }

            if (options.HubOffline)
            {
                current = current with { Mode = HubEndpointSettings.OfflineMode };
            }

            return current;
        }
    }
}
