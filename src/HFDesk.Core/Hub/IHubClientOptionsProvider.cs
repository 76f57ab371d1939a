namespace HFDesk.Core.Hub;

/// <summary>
/// The one place the current Hub options come from. Settings (endpoint, token, proxy) change at run time;
/// every new <see cref="HubClient"/> reads them here, so a change reaches new work at once.
/// </summary>
internal interface IHubClientOptionsProvider
{
    HubClientOptions Current { get; }
}
