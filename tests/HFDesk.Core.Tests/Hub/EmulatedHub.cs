using HFDesk.Core.Hub;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Hub;

/// <summary>A fresh Hub emulator per test and HubClients pointed at it.</summary>
internal sealed class EmulatedHub : IAsyncDisposable
{
    private readonly List<HubClientFactory> _factories = [];

    private EmulatedHub(HubEmulatorHost emulator) => Emulator = emulator;

    public HubEmulatorHost Emulator { get; }

    public static async Task<EmulatedHub> StartAsync(HubEmulatorOptions? options = null) =>
        new(await HubEmulatorHost.StartAsync(options, TestContext.Current.CancellationToken));

    /// <summary>A client with no retries by default, so error tests see the first answer.</summary>
    public HubClient CreateClient(string? token = null, Func<HubClientOptions, HubClientOptions>? configure = null)
    {
        var options = new HubClientOptions
        {
            Endpoint = Emulator.Endpoint.AbsoluteUri,
            Token = token,
            MaxRetries = 0,
            RequestTimeout = TimeSpan.FromSeconds(30),
        };
        var factory = new HubClientFactory(new FixedHubClientOptionsProvider(configure?.Invoke(options) ?? options));
        _factories.Add(factory);
        return factory.Create();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        await Emulator.DisposeAsync();
    }
}
