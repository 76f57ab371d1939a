using System.Text.Json.Nodes;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Server;
using Microsoft.AspNetCore.Builder;

namespace HFDesk.AdversarialTests;

/// <summary>
/// A real HFDesk server on a free loopback port over a temp tree: <c>cache/</c>, <c>local/</c>, <c>scan/</c>,
/// <c>data/</c> and the mirror target <c>mirror/</c> are its roots, and <c>outside/</c> beside them holds files
/// nothing may touch. Its mirror targets file holds, besides <see cref="MirrorTarget"/>, hand-edited entries no rule
/// allows (<see cref="UnusableMirrorTargets"/>), which every mirror action must refuse.
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

    /// <summary>The one usable mirror target, at <c>mirror/</c>.</summary>
    public const string MirrorTarget = "adv";

    /// <summary>Entries of a hand-edited <c>mirror-targets.json</c> that the path rule refuses: name → why.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnusableMirrorTargets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotdot"] = "a path through '..' to outside/",
        ["home"] = "the home folder itself",
        ["hubparent"] = "a folder that contains the hub cache",
        ["insidehub"] = "a folder inside the hub cache",
    };

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
            WriteMirrorTargets(tree);
            // Nothing listens on port 9 of loopback: without an emulator a Hub call fails fast, never reaching the internet.
            var endpoint = hubEndpoint?.AbsoluteUri.TrimEnd('/') ?? "http://127.0.0.1:9";
            var store = SettingsStore.Open(
                new SettingsOverrides
                {
                    CacheDir = tree.Combine("cache"),
                    // An empty localDir in the settings asked for is the HF cache layout: no override then, which would win.
                    LocalDir = settings?.LocalDir == "" ? null : tree.Combine("local"),
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

    private static void WriteMirrorTargets(TempTree tree)
    {
        Directory.CreateDirectory(tree.Combine("cache", "hub", "inside"));
        var targets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MirrorTarget] = tree.Combine("mirror"),
            ["dotdot"] = tree.Combine("mirror") + Path.DirectorySeparatorChar + ".." + Path.DirectorySeparatorChar + "outside",
            ["home"] = tree.Combine("home"),
            ["hubparent"] = tree.Combine("cache"),
            ["insidehub"] = tree.Combine("cache", "hub", "inside"),
        };
        var file = new JsonObject
        {
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)new JsonObject { ["name"] = t.Key, ["path"] = t.Value, ["description"] = "" })]),
        };
        File.WriteAllText(tree.Combine("data", "mirror-targets.json"), file.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        Tree.Dispose();
    }
}
