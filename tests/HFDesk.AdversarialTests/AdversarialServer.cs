using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Server;
using Microsoft.AspNetCore.Builder;

namespace HFDesk.AdversarialTests;

/// <summary>
/// A real HFDesk server on a free loopback port over a temp tree: <c>cache/</c>, <c>local/</c>, <c>scan/</c>
/// and <c>data/</c> are its roots, and <c>outside/</c> beside them holds files nothing may touch.
/// </summary>
internal sealed class AdversarialServer : IAsyncDisposable
{
    private AdversarialServer(TempTree tree, WebApplication app)
    {
        Tree = tree;
        App = app;
        BaseAddress = new Uri(app.Urls.First());
        // Every request is bounded: a hang is a finding, never a stuck test run.
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
    }

    public TempTree Tree { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static Task<AdversarialServer> StartAsync(Uri? hubEndpoint, CancellationToken cancellationToken) =>
        StartAsync(hubEndpoint, null, cancellationToken);

    /// <summary>As above, then applies <paramref name="settings"/> (token, engine knobs, the Hub endpoint) when given.</summary>
    public static async Task<AdversarialServer> StartAsync(Uri? hubEndpoint, SettingsUpdate? settings, CancellationToken cancellationToken)
    {
        var tree = new TempTree();
        try
        {
            var environment = HfEnvironment.Empty(tree.Combine("home"));
            // Nothing listens on port 9 of loopback: without an emulator a Hub call fails fast, never reaching the internet.
            var endpoint = hubEndpoint?.AbsoluteUri.TrimEnd('/') ?? "http://127.0.0.1:9";
            var store = SettingsStore.Open(
                new SettingsOverrides
                {
                    CacheDir = tree.Combine("cache"),
                    LocalDir = tree.Combine("local"),
                    DataDir = tree.Combine("data"),
                    Endpoint = endpoint,
                },
                environment);
            await store.UpdateAsync(new SettingsUpdate { LocalScanDirs = [tree.Combine("scan")] }, cancellationToken);
            if (settings is not null)
            {
                var applied = await store.UpdateAsync(settings, cancellationToken);
                if (!applied.Applied)
                {
                    throw new InvalidOperationException("Test settings refused: " + string.Join("; ", applied.Errors.Select(e => e.Key + ": " + e.Value)));
                }
            }

            var app = HfDeskServer.Build(new HfDeskServerOptions
            {
                Port = 0,
                Settings = store,
                Environment = environment,
                Hub = new HubClientOptions { Endpoint = endpoint, MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(5) },
            });
            await app.StartAsync(cancellationToken);
            return new AdversarialServer(tree, app);
        }
        catch
        {
            tree.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        Tree.Dispose();
    }
}
