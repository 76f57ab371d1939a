using System.Net;

namespace HFDesk.Core.Hub;

/// <summary>An explicit proxy with curl-style NO_PROXY matching (<c>host</c>, <c>.suffix</c>, <c>*</c>).</summary>
internal sealed class HubWebProxy : IWebProxy
{
    private readonly Uri _proxy;
    private readonly string[] _bypass;

    public HubWebProxy(Uri proxy, string? noProxy, ICredentials? credentials)
    {
        _proxy = proxy;
        Credentials = credentials;
        _bypass = (noProxy ?? "")
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : _proxy;

    public bool IsBypassed(Uri host)
    {
        foreach (var entry in _bypass)
        {
            if (entry == "*")
            {
                return true;
            }

            var suffix = entry.TrimStart('*').TrimStart('.');
            if (host.Host.Equals(suffix, StringComparison.OrdinalIgnoreCase)
                || host.Host.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
