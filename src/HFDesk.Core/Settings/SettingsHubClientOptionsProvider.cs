using HFDesk.Core.Hub;

namespace HFDesk.Core.Settings;

/// <summary>Hub options read from the live settings, so an endpoint, token or proxy change reaches the next request.</summary>
internal sealed class SettingsHubClientOptionsProvider(SettingsStore settings, HubClientOptions? template = null) : IHubClientOptionsProvider
{
    private readonly HubClientOptions _template = template ?? HubClientOptions.Default;

    public HubClientOptions Current
    {
        get
        {
            var s = settings.Current;
            var proxy = s.Proxy;
            return _template with
            {
                Endpoint = HubClientOptions.NormalizeEndpoint(s.Endpoint),
                Token = string.IsNullOrEmpty(s.Token) ? null : s.Token,
                Proxy = new HubProxyOptions(
                    Url: string.IsNullOrEmpty(proxy.Url) ? null : proxy.Url,
                    Username: string.IsNullOrEmpty(proxy.Username) ? null : proxy.Username,
                    Password: string.IsNullOrEmpty(proxy.Password) ? null : proxy.Password,
                    NoProxy: string.IsNullOrEmpty(proxy.NoProxy) ? null : proxy.NoProxy,
                    NoEnvProxy: proxy.NoEnvProxy,
                    InsecureSkipVerify: proxy.InsecureSkipVerify),
            };
        }
    }
}
