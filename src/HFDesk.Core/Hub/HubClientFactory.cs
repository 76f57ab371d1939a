namespace HFDesk.Core.Hub;

/// <summary>
/// The only way to get a <see cref="HubClient"/>: reads the current options from the provider on every call, so a
/// settings change (endpoint, token, proxy) reaches the next piece of work. Connections are shared while the
/// transport-shaping options (proxy, timeouts, retries) stay the same.
/// </summary>
internal sealed class HubClientFactory : IDisposable
{
    private readonly IHubClientOptionsProvider _optionsProvider;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly HubTreeCache _trees;
    private HubHttpTransport? _transport;

    public HubClientFactory(IHubClientOptionsProvider optionsProvider, TimeProvider? timeProvider = null)
    {
        _optionsProvider = optionsProvider;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _trees = new HubTreeCache(_timeProvider);
    }

    public HubClientOptions CurrentOptions => _optionsProvider.Current;

    public HubClient Create()
    {
        var options = _optionsProvider.Current;
        return new HubClient(options, TransportFor(options.TransportKey), _timeProvider, _trees);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _transport?.Dispose();
            _transport = null;
        }
    }

    private HubHttpTransport TransportFor(HubTransportKey key)
    {
        lock (_lock)
        {
            if (_transport is null || _transport.Key != key)
            {
                // The old transport is not disposed: transfers started under the old settings may still be
                // streaming through it. Its pooled connections close on their own idle/lifetime timeouts.
                _transport = new HubHttpTransport(key, _timeProvider);
            }

            return _transport;
        }
    }
}
